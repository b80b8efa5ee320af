using MetaAiTracker.Core.Domain;
using MetaAiTracker.Data.Dataset;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data.Editing;

/// <summary>What an import does to one kind of entity, by slug.</summary>
public sealed record ImportKindPlan(string EntityType, IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Missing)
{
    public int Total => Added.Count + Changed.Count + Unchanged.Count;
}

/// <summary>The preview of an import: per kind, which slugs it adds, changes, leaves alone and does not mention.</summary>
public sealed record ImportPlan(IReadOnlyList<ImportKindPlan> Kinds)
{
    public int Added => Kinds.Sum(k => k.Added.Count);
    public int Changed => Kinds.Sum(k => k.Changed.Count);
    public int Unchanged => Kinds.Sum(k => k.Unchanged.Count);

    /// <summary>In the store but not in the document: deleted only when the import is told to.</summary>
    public int Missing => Kinds.Sum(k => k.Missing.Count);

    public bool ChangesNothing(bool deleteMissing) => Added == 0 && Changed == 0 && (!deleteMissing || Missing == 0);
}

/// <summary>What an applied import did.</summary>
public sealed record ImportResult(ImportPlan Plan, bool DeletedMissing, int Recorded);

/// <summary>
/// Merges a validated dataset document into the store by slug: adds what is new, updates what differs, leaves what
/// is the same, and deletes what the document does not mention only when asked to. All of it in one transaction,
/// each change recorded in the history; a document with any problem writes nothing.
/// </summary>
public sealed class DatasetImporter(IDbContextFactory<TrackerDbContext> factory, TimeProvider time)
{
    public async Task<ImportPlan> PlanAsync(DatasetDocument document, CancellationToken cancellationToken = default)
    {
        document = ThrowIfInvalid(document);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var index = await StoreIndex.LoadAsync(db, cancellationToken);
        return Plan(index, document);
    }

    /// <summary>Applies <paramref name="document"/> (planned again inside the transaction, against the store as it is then).</summary>
    public async Task<ImportResult> ApplyAsync(DatasetDocument document, bool deleteMissing, string user, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        document = ThrowIfInvalid(document);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        var changedEvents = 0;
        var result = await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await TrackerDatabase.BeginWriteAsync(db, ct);
            var index = await StoreIndex.LoadAsync(db, ct);
            var plan = Plan(index, document);
            var summary = $"Import of '{document.Name ?? "dataset"}'";
            var pending = new List<(EntityKind Kind, string Slug, ChangeAction Action, string? Before, Func<string?> After)>();

            Merge(EntityKind.Theme, index, document, plan, pending);
            Merge(EntityKind.Source, index, document, plan, pending);
            Merge(EntityKind.Organization, index, document, plan, pending);
            Merge(EntityKind.Person, index, document, plan, pending);
            Merge(EntityKind.Tenure, index, document, plan, pending);
            Merge(EntityKind.Event, index, document, plan, pending);
            Merge(EntityKind.Figure, index, document, plan, pending);

            if (deleteMissing)
            {
                // Dependents first; what is left then refers only to what the document holds.
                Delete(EntityKind.Figure, index, plan, pending);
                Delete(EntityKind.Event, index, plan, pending);
                Delete(EntityKind.Tenure, index, plan, pending);
                Delete(EntityKind.Person, index, plan, pending);
                Delete(EntityKind.Organization, index, plan, pending);
                Delete(EntityKind.Source, index, plan, pending);
                Delete(EntityKind.Theme, index, plan, pending);
            }

            // The document was checked alone; what the store keeps beside it may quote a source whose text it changes, or
            // report from a source whose address it drops. Check the store as it will be (nothing is written until the commit).
            if (!deleteMissing && plan.Kinds.Single(k => k.EntityType == EntityKind.Source.Name).Changed.Count > 0)
            {
                var merged = index.ToDocument();
                var problems = DatasetValidator.Validate(merged)
                    .Select(p => new DatasetProblem("$", $"{EntityKind.DescribeField(merged, p.Path)}, kept in the store (not in this document): {p.Message}"))
                    .ToList();
                if (problems.Count > 0)
                {
                    throw new DatasetValidationException(problems);
                }
            }

            await db.SaveChangesAsync(ct);
            var now = time.GetUtcNow();
            db.ChangeRecords.AddRange(pending.Select(p => new ChangeRecord
            {
                EntityType = p.Kind.Name, Slug = p.Slug, Action = p.Action, ChangedBy = user, ChangedAt = now, Summary = summary,
                BeforeJson = p.Before, AfterJson = p.After(),
            }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            changedEvents = pending.Count(p => p.Kind == EntityKind.Event);
            return new ImportResult(plan, deleteMissing, pending.Count);
        }, cancellationToken);

        // A large import leaves the full-text index in many segments; merging them rewrites the whole index (seconds at
        // 100,000 events), so it is done only when the import added, changed or deleted that many events (the index
        // holds events and their quotes), after the commit and whatever it costs (best effort: never undoes the import).
        if (changedEvents >= CompactAfterEventChanges)
        {
            await db.CompactTextIndexAsync();
        }

        return result;
    }

    /// <summary>The number of added, changed or deleted events from which an import merges the full-text index afterwards.</summary>
    public const int CompactAfterEventChanges = 1_000;

    /// <summary>The document completed (every quote with its locator), or an exception with every problem.</summary>
    private static DatasetDocument ThrowIfInvalid(DatasetDocument document)
    {
        var problems = DatasetValidator.Validate(document);
        if (problems.Count > 0)
        {
            throw new DatasetValidationException(problems);
        }

        return CitedSources.Complete(document);
    }

    /// <summary>
    /// The store's sources in the dataset format, by slug: what a version-1 document lacks is taken from them
    /// (<see cref="DatasetUpgrade"/>), so pass them to <see cref="DatasetReader.Read(ReadOnlySpan{byte}, IReadOnlyDictionary{string, SourceDto})"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, SourceDto>> KnownSourcesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var sources = await db.Sources.AsNoTracking().Include(s => s.Paragraphs).AsSplitQuery().ToListAsync(cancellationToken);
        return sources.ToDictionary(s => s.Slug, DtoMapper.ToDto, StringComparer.Ordinal);
    }

    private static ImportPlan Plan(StoreIndex index, DatasetDocument document) => new(
    [
        PlanOf(EntityKind.Theme, index, document),
        PlanOf(EntityKind.Source, index, document),
        PlanOf(EntityKind.Organization, index, document),
        PlanOf(EntityKind.Person, index, document),
        PlanOf(EntityKind.Tenure, index, document),
        PlanOf(EntityKind.Event, index, document),
        PlanOf(EntityKind.Figure, index, document),
    ]);

    private static ImportKindPlan PlanOf<TDto, TEntity>(EntityKind<TDto, TEntity> kind, StoreIndex index, DatasetDocument document)
        where TDto : class where TEntity : class
    {
        var stored = kind.In(index);
        List<string> added = [], changed = [], unchanged = [];
        var mentioned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dto in kind.List(document) ?? [])
        {
            var slug = kind.SlugOf(dto)!;
            mentioned.Add(slug);
            if (!stored.TryGetValue(slug, out var entity))
            {
                added.Add(slug);
            }
            else if (kind.ComparableJson(kind.ToDto(entity)) == kind.ComparableJson(dto))
            {
                unchanged.Add(slug);
            }
            else
            {
                changed.Add(slug);
            }
        }

        var missing = stored.Keys.Where(s => !mentioned.Contains(s)).ToList();
        return new ImportKindPlan(kind.Name, added, changed, unchanged, missing);
    }

    private static void Merge<TDto, TEntity>(EntityKind<TDto, TEntity> kind, StoreIndex index, DatasetDocument document, ImportPlan plan,
        List<(EntityKind, string, ChangeAction, string?, Func<string?>)> pending)
        where TDto : class where TEntity : class
    {
        var kindPlan = plan.Kinds.Single(k => k.EntityType == kind.Name);
        var added = kindPlan.Added.ToHashSet(StringComparer.Ordinal);
        var changed = kindPlan.Changed.ToHashSet(StringComparer.Ordinal);
        var dtos = (kind.List(document) ?? []).Select(kind.Normalize).ToList();

        // Create every new one first (in document order, so ids follow it), then fill them in: organisations
        // can then refer to parents that come later in the document.
        var work = new List<(TDto Dto, TEntity Entity)>();
        foreach (var dto in dtos)
        {
            var slug = kind.SlugOf(dto)!;
            if (added.Contains(slug))
            {
                var entity = kind.Create(index, dto);
                work.Add((dto, entity));
                pending.Add((kind, slug, ChangeAction.Create, null, () => EntityJson.Write(kind.ToDto(entity))));
            }
            else if (changed.Contains(slug))
            {
                var entity = kind.In(index)[slug];
                work.Add((dto, entity));
                var before = EntityJson.Write(kind.ToDto(entity));
                pending.Add((kind, slug, ChangeAction.Update, before, () => EntityJson.Write(kind.ToDto(entity))));
                if (entity is IVersioned versioned)
                {
                    // A change to links or citations alone leaves the row unmodified: bump the version all the same,
                    // so that an editor's form opened before the import is refused instead of silently undoing it.
                    versioned.Version++;
                }
            }
        }

        foreach (var (dto, entity) in work)
        {
            kind.Apply(index, dto, entity);
        }
    }

    private static void Delete<TDto, TEntity>(EntityKind<TDto, TEntity> kind, StoreIndex index, ImportPlan plan,
        List<(EntityKind, string, ChangeAction, string?, Func<string?>)> pending)
        where TDto : class where TEntity : class
    {
        foreach (var slug in plan.Kinds.Single(k => k.EntityType == kind.Name).Missing)
        {
            var entity = kind.In(index)[slug];
            pending.Add((kind, slug, ChangeAction.Delete, EntityJson.Write(kind.ToDto(entity)), () => null));
            kind.Remove(index, entity);
        }
    }
}
