using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Data.Dataset;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data.Editing;

public enum SaveStatus
{
    /// <summary>Written (or nothing to write: the entity already said this), and recorded in the history.</summary>
    Saved,

    /// <summary>Refused: <see cref="SaveResult{T}.Problems"/> says what is wrong, field by field.</summary>
    Invalid,

    /// <summary>Someone saved a newer version since the form was opened: <see cref="SaveResult{T}.Current"/> is theirs.</summary>
    Conflict,

    /// <summary>There is no such entity (any more).</summary>
    NotFound,
}

/// <summary>Who made a change and when.</summary>
public sealed record ChangeInfo(long Id, ChangeAction Action, string ChangedBy, DateTimeOffset ChangedAt, string? Summary)
{
    public static ChangeInfo Of(ChangeRecord r) => new(r.Id, r.Action, r.ChangedBy, r.ChangedAt, r.Summary);
}

/// <summary>An entity as a form starts from: its dataset-format DTO and the version to name when saving.</summary>
public sealed record Editable<T>(T Dto, int Version, ChangeInfo? LastChange);

/// <summary>
/// The outcome of a save, delete or restore. <see cref="Problems"/> paths are relative to the entity ("titleEn",
/// "citations[0].quote"); a problem elsewhere in the store (something that still refers to a deleted entity) has an
/// empty path and names that entity in its message.
/// </summary>
public sealed record SaveResult<T>(SaveStatus Status, T? Current, int Version, IReadOnlyList<DatasetProblem> Problems, ChangeInfo? LastChange)
    where T : class
{
    public bool Succeeded => Status == SaveStatus.Saved;
}

/// <summary>A slug and what to show for it in a picker.</summary>
public record Choice(string Slug, string Label);

/// <summary>A source in a citation's picker: whose reporting it is, and whether it can be quoted (its text is archived) or reported from (it has an address).</summary>
public sealed record SourceChoice(string Slug, string Label, string Publisher, string Language, bool HasText, bool HasAddress) : Choice(Slug, Label);

/// <summary>Everything an editor form can refer to.</summary>
public sealed record EditorChoices(
    IReadOnlyList<Choice> Themes,
    IReadOnlyList<SourceChoice> Sources,
    IReadOnlyList<Choice> Organizations,
    IReadOnlyList<Choice> People,
    IReadOnlyList<Choice> Events,
    IReadOnlyList<Choice> Figures,
    IReadOnlyList<Choice> Tenures)
{
    public static EditorChoices None { get; } = new([], [], [], [], [], [], []);
}

/// <summary>
/// Creates, changes, deletes and restores entities one at a time for the editor pages. Every write:
/// validates the store as it would be afterwards with <see cref="DatasetValidator"/> (the rules of an import),
/// checks the version the editor started from (optimistic concurrency), and records a <see cref="ChangeRecord"/>
/// with the entity before and after — all in one transaction.
/// </summary>
public sealed class DatasetEditor(IDbContextFactory<TrackerDbContext> factory, TimeProvider time)
{
    public Task<Editable<EventDto>?> GetEventAsync(string slug, CancellationToken cancellationToken = default) => GetAsync(EntityKind.Event, slug, cancellationToken);

    public Task<Editable<PersonDto>?> GetPersonAsync(string slug, CancellationToken cancellationToken = default) => GetAsync(EntityKind.Person, slug, cancellationToken);

    public Task<Editable<FigureDto>?> GetFigureAsync(string slug, CancellationToken cancellationToken = default) => GetAsync(EntityKind.Figure, slug, cancellationToken);

    public Task<Editable<TenureDto>?> GetTenureAsync(string slug, CancellationToken cancellationToken = default) => GetAsync(EntityKind.Tenure, slug, cancellationToken);

    public Task<Editable<OrganizationDto>?> GetOrganizationAsync(string slug, CancellationToken cancellationToken = default) => GetAsync(EntityKind.Organization, slug, cancellationToken);

    public Task<Editable<SourceDto>?> GetSourceAsync(string slug, CancellationToken cancellationToken = default) => GetAsync(EntityKind.Source, slug, cancellationToken);

    /// <summary>Creates (<paramref name="expectedVersion"/> null) or changes an event; <paramref name="overwrite"/> saves over a newer version.</summary>
    public Task<SaveResult<EventDto>> SaveEventAsync(EventDto dto, int? expectedVersion, string user, bool overwrite = false, CancellationToken cancellationToken = default) =>
        SaveAsync(EntityKind.Event, dto, expectedVersion, overwrite, user, Summary(expectedVersion, overwrite), cancellationToken);

    public Task<SaveResult<PersonDto>> SavePersonAsync(PersonDto dto, int? expectedVersion, string user, bool overwrite = false, CancellationToken cancellationToken = default) =>
        SaveAsync(EntityKind.Person, dto, expectedVersion, overwrite, user, Summary(expectedVersion, overwrite), cancellationToken);

    public Task<SaveResult<FigureDto>> SaveFigureAsync(FigureDto dto, int? expectedVersion, string user, bool overwrite = false, CancellationToken cancellationToken = default) =>
        SaveAsync(EntityKind.Figure, dto, expectedVersion, overwrite, user, Summary(expectedVersion, overwrite), cancellationToken);

    public Task<SaveResult<TenureDto>> SaveTenureAsync(TenureDto dto, int? expectedVersion, string user, bool overwrite = false, CancellationToken cancellationToken = default) =>
        SaveAsync(EntityKind.Tenure, dto, expectedVersion, overwrite, user, Summary(expectedVersion, overwrite), cancellationToken);

    public Task<SaveResult<OrganizationDto>> SaveOrganizationAsync(OrganizationDto dto, int? expectedVersion, string user, bool overwrite = false, CancellationToken cancellationToken = default) =>
        SaveAsync(EntityKind.Organization, dto, expectedVersion, overwrite, user, Summary(expectedVersion, overwrite), cancellationToken);

    public Task<SaveResult<SourceDto>> SaveSourceAsync(SourceDto dto, int? expectedVersion, string user, bool overwrite = false, CancellationToken cancellationToken = default) =>
        SaveAsync(EntityKind.Source, dto, expectedVersion, overwrite, user, Summary(expectedVersion, overwrite), cancellationToken);

    public Task<SaveResult<EventDto>> DeleteEventAsync(string slug, int expectedVersion, string user, CancellationToken cancellationToken = default) =>
        DeleteAsync(EntityKind.Event, slug, expectedVersion, user, cancellationToken);

    public Task<SaveResult<PersonDto>> DeletePersonAsync(string slug, int expectedVersion, string user, CancellationToken cancellationToken = default) =>
        DeleteAsync(EntityKind.Person, slug, expectedVersion, user, cancellationToken);

    public Task<SaveResult<FigureDto>> DeleteFigureAsync(string slug, int expectedVersion, string user, CancellationToken cancellationToken = default) =>
        DeleteAsync(EntityKind.Figure, slug, expectedVersion, user, cancellationToken);

    public Task<SaveResult<TenureDto>> DeleteTenureAsync(string slug, int expectedVersion, string user, CancellationToken cancellationToken = default) =>
        DeleteAsync(EntityKind.Tenure, slug, expectedVersion, user, cancellationToken);

    public Task<SaveResult<OrganizationDto>> DeleteOrganizationAsync(string slug, int expectedVersion, string user, CancellationToken cancellationToken = default) =>
        DeleteAsync(EntityKind.Organization, slug, expectedVersion, user, cancellationToken);

    public Task<SaveResult<SourceDto>> DeleteSourceAsync(string slug, int expectedVersion, string user, CancellationToken cancellationToken = default) =>
        DeleteAsync(EntityKind.Source, slug, expectedVersion, user, cancellationToken);

    /// <summary>A source's archived text, paragraph by paragraph, for the quote picker; null when the source keeps none (or does not exist).</summary>
    public async Task<IReadOnlyList<string>?> SourceTextAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var text = await db.SourceParagraphs.AsNoTracking().Where(p => db.Sources.Any(s => s.Id == p.SourceId && s.Slug == slug))
            .OrderBy(p => p.Number).Select(p => p.Text).ToListAsync(cancellationToken);
        return text.Count == 0 ? null : text;
    }

    /// <summary>A person's tenures, earliest start first, for the list on the person's editor page.</summary>
    public async Task<IReadOnlyList<Choice>> TenuresOfAsync(string personSlug, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tenures = await db.Tenures.AsNoTracking().Where(t => t.Person.Slug == personSlug)
            .Select(t => new { t.Slug, t.Role, t.Start, t.End, Organization = t.Organization.Name }).ToListAsync(cancellationToken);
        return tenures.OrderBy(t => t.Start?.Start ?? DateOnly.MinValue).ThenBy(t => t.Slug, StringComparer.Ordinal)
            .Select(t => new Choice(t.Slug, TenureLabel(null, t.Role, t.Organization, t.Start, t.End))).ToList();
    }

    /// <summary>An entity's recorded changes, newest first.</summary>
    public async Task<IReadOnlyList<ChangeRecord>> HistoryAsync(string entityType, string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ChangeRecords.AsNoTracking().Where(c => c.EntityType == entityType && c.Slug == slug)
            .OrderByDescending(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The latest changes to anything, newest first.</summary>
    public async Task<IReadOnlyList<ChangeRecord>> RecentChangesAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ChangeRecords.AsNoTracking().OrderByDescending(c => c.Id).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Puts back the entity as it was before (<paramref name="before"/>) or after change <paramref name="changeId"/>,
    /// over whatever it is now (or re-creating it if it was deleted). The restore is itself a recorded change.
    /// </summary>
    public async Task<SaveResult<string>> RestoreAsync(long changeId, bool before, string user, CancellationToken cancellationToken = default)
    {
        ChangeRecord? record;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            record = await db.ChangeRecords.AsNoTracking().FirstOrDefaultAsync(c => c.Id == changeId, cancellationToken);
        }

        var json = before ? record?.BeforeJson : record?.AfterJson;
        if (record is null || json is null)
        {
            return new SaveResult<string>(SaveStatus.NotFound, null, 0,
                [new DatasetProblem("", record is null ? $"there is no change #{changeId}" : $"change #{changeId} has no version {(before ? "before" : "after")} it")], null);
        }

        var summary = before ? $"Restored the version before change #{changeId}" : $"Restored the version of change #{changeId}";
        return record.EntityType switch
        {
            "event" => Untyped(await SaveAsync(EntityKind.Event, EntityJson.Read<EventDto>(json)!, null, true, user, summary, cancellationToken)),
            "person" => Untyped(await SaveAsync(EntityKind.Person, EntityJson.Read<PersonDto>(json)!, null, true, user, summary, cancellationToken)),
            "figure" => Untyped(await SaveAsync(EntityKind.Figure, EntityJson.Read<FigureDto>(json)!, null, true, user, summary, cancellationToken)),
            "tenure" => Untyped(await SaveAsync(EntityKind.Tenure, EntityJson.Read<TenureDto>(json)!, null, true, user, summary, cancellationToken)),
            "organization" => Untyped(await SaveAsync(EntityKind.Organization, EntityJson.Read<OrganizationDto>(json)!, null, true, user, summary, cancellationToken)),
            "source" => Untyped(await SaveAsync(EntityKind.Source, EntityJson.Read<SourceDto>(json)!, null, true, user, summary, cancellationToken)),
            "theme" => Untyped(await SaveAsync(EntityKind.Theme, EntityJson.Read<ThemeDto>(json)!, null, true, user, summary, cancellationToken)),
            _ => new SaveResult<string>(SaveStatus.NotFound, null, 0, [new DatasetProblem("", $"unknown entity type '{record.EntityType}'")], null),
        };

        static SaveResult<string> Untyped<T>(SaveResult<T> r) where T : class =>
            new(r.Status, r.Current is null ? null : EntityJson.Write(r.Current), r.Version, r.Problems, r.LastChange);
    }

    public async Task<EditorChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return new EditorChoices(
            await db.Themes.AsNoTracking().OrderBy(t => t.Id).Select(t => new Choice(t.Slug, t.NameEn)).ToListAsync(cancellationToken),
            await db.Sources.AsNoTracking().OrderBy(s => s.Id)
                .Select(s => new SourceChoice(s.Slug, s.Publisher + ": " + s.Title, s.Publisher, s.Language, s.Paragraphs.Any(), s.Url != null)).ToListAsync(cancellationToken),
            await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new Choice(o.Slug, o.Name)).ToListAsync(cancellationToken),
            await db.People.AsNoTracking().OrderBy(p => p.Name).Select(p => new Choice(p.Slug, p.Name)).ToListAsync(cancellationToken),
            (await db.Events.AsNoTracking().Select(e => new { e.Slug, e.TitleEn, e.DateStart, e.DateEnd }).ToListAsync(cancellationToken))
                .OrderBy(e => e.DateStart).ThenBy(e => e.DateEnd).Select(e => new Choice(e.Slug, e.TitleEn)).ToList(),
            await db.Figures.AsNoTracking().OrderBy(f => f.Label).Select(f => new Choice(f.Slug, f.Label)).ToListAsync(cancellationToken),
            (await db.Tenures.AsNoTracking().Select(t => new { t.Slug, t.Role, t.Start, t.End, Person = t.Person.Name, Organization = t.Organization.Name }).ToListAsync(cancellationToken))
                .OrderBy(t => t.Person, StringComparer.Ordinal).ThenBy(t => t.Start?.Start ?? DateOnly.MinValue)
                .Select(t => new Choice(t.Slug, TenureLabel(t.Person, t.Role, t.Organization, t.Start, t.End))).ToList());
    }

    /// <summary>"Ruben Mayer: research lead at Meta Superintelligence Labs (2025-06 – 2025-08)".</summary>
    private static string TenureLabel(string? person, string? role, string organization, PartialDate? start, PartialDate? end)
    {
        var what = role is null ? organization : $"{role} at {organization}";
        var when = start is null && end is null ? "" : $" ({start?.ToString() ?? "?"} – {end?.ToString() ?? "now"})";
        return (person is null ? "" : person + ": ") + what + when;
    }

    /// <summary>
    /// The concurrency token of an entity a form edits. Events, people and figures keep a stored version number;
    /// tenures, organisations and sources have no version column, so theirs is a fingerprint of what they say: any
    /// change to them, by an editor or an import, gives another token. It is checked inside the write transaction.
    /// </summary>
    private static int VersionOf<TDto, TEntity>(EntityKind<TDto, TEntity> kind, TEntity entity) where TDto : class where TEntity : class =>
        entity is IVersioned versioned
            ? versioned.Version
            : (int)(BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(kind.ComparableJson(kind.ToDto(entity))))) & int.MaxValue);

    private static string Summary(int? expectedVersion, bool overwrite) =>
        expectedVersion is null ? "Created" : overwrite ? "Edited (saved over a newer version)" : "Edited";

    private async Task<Editable<TDto>?> GetAsync<TDto, TEntity>(EntityKind<TDto, TEntity> kind, string slug, CancellationToken cancellationToken)
        where TDto : class where TEntity : class
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var index = await StoreIndex.LoadAsync(db, cancellationToken);
        if (!kind.In(index).TryGetValue(slug, out var entity))
        {
            return null;
        }

        return new Editable<TDto>(kind.ToDto(entity), VersionOf(kind, entity), await LastChangeAsync(db, kind.Name, slug, cancellationToken));
    }

    private async Task<SaveResult<TDto>> SaveAsync<TDto, TEntity>(
        EntityKind<TDto, TEntity> kind, TDto dto, int? expectedVersion, bool overwrite, string user, string summary, CancellationToken cancellationToken)
        where TDto : class where TEntity : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var slug = kind.SlugOf(dto) ?? string.Empty;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await TrackerDatabase.BeginWriteAsync(db, cancellationToken);
        var index = await StoreIndex.LoadAsync(db, cancellationToken);
        var entity = kind.In(index).GetValueOrDefault(slug);
        var creating = expectedVersion is null && !overwrite;

        if (creating && entity is not null)
        {
            return Invalid<TDto>(new DatasetProblem("slug", $"there is already a {kind.Name} '{Excerpt.Of(slug)}': choose another slug"));
        }

        if (!creating && !overwrite && entity is null)
        {
            return new SaveResult<TDto>(SaveStatus.NotFound, null, 0, [new DatasetProblem("", $"the {kind.Name} '{slug}' no longer exists: someone deleted it")], null);
        }

        if (!overwrite && entity is not null && VersionOf(kind, entity) != expectedVersion)
        {
            return await ConflictAsync(db, kind, entity, cancellationToken);
        }

        // Validate the whole store as it would be with this entity in it.
        var document = index.ToDocument();
        var list = kind.List(document)!;
        var at = list.FindIndex(x => kind.SlugOf(x) == slug);
        if (at < 0)
        {
            list.Add(dto);
            at = list.Count - 1;
        }
        else
        {
            list[at] = dto;
        }

        document = kind.WithList(document, list);
        var problems = Relative(document, $"$.{kind.Collection}[{at}]", DatasetValidator.Validate(document));
        if (problems.Count > 0)
        {
            return new SaveResult<TDto>(SaveStatus.Invalid, null, 0, problems, null);
        }

        var normalized = kind.Normalize(kind.Complete(CitedSources.Of(document.Sources), dto));
        var beforeJson = entity is null ? null : EntityJson.Write(kind.ToDto(entity));
        if (entity is not null && kind.ComparableJson(kind.ToDto(entity)) == kind.ComparableJson(normalized))
        {
            // Nothing to change: no new version, nothing recorded.
            return new SaveResult<TDto>(SaveStatus.Saved, kind.ToDto(entity), VersionOf(kind, entity), [], await LastChangeAsync(db, kind.Name, slug, cancellationToken));
        }

        var action = entity is null ? ChangeAction.Create : ChangeAction.Update;
        if (entity is null)
        {
            entity = kind.Create(index, normalized);
        }
        else if (entity is IVersioned versioned)
        {
            // The update is made on the condition that the row still holds the version the form started from.
            var from = overwrite ? versioned.Version : expectedVersion!.Value;
            var version = db.Entry(versioned).Property(v => v.Version);
            version.OriginalValue = from;
            version.CurrentValue = from + 1;
        }

        kind.Apply(index, normalized, entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            await using var fresh = await factory.CreateDbContextAsync(cancellationToken);
            var freshIndex = await StoreIndex.LoadAsync(fresh, cancellationToken);
            return kind.In(freshIndex).GetValueOrDefault(slug) is { } theirs
                ? await ConflictAsync(fresh, kind, theirs, cancellationToken)
                : new SaveResult<TDto>(SaveStatus.NotFound, null, 0, [new DatasetProblem("", $"the {kind.Name} '{slug}' no longer exists: someone deleted it")], null);
        }

        var after = kind.ToDto(entity);
        var record = Record(kind.Name, slug, action, user, summary, beforeJson, EntityJson.Write(after));
        db.ChangeRecords.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveResult<TDto>(SaveStatus.Saved, after, VersionOf(kind, entity), [], ChangeInfo.Of(record));
    }

    private async Task<SaveResult<TDto>> DeleteAsync<TDto, TEntity>(
        EntityKind<TDto, TEntity> kind, string slug, int? expectedVersion, string user, CancellationToken cancellationToken)
        where TDto : class where TEntity : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await TrackerDatabase.BeginWriteAsync(db, cancellationToken);
        var index = await StoreIndex.LoadAsync(db, cancellationToken);
        if (!kind.In(index).TryGetValue(slug, out var entity))
        {
            return new SaveResult<TDto>(SaveStatus.NotFound, null, 0, [new DatasetProblem("", $"the {kind.Name} '{slug}' no longer exists: someone deleted it")], null);
        }

        if (expectedVersion is { } expected && VersionOf(kind, entity) != expected)
        {
            return await ConflictAsync(db, kind, entity, cancellationToken);
        }

        // Whatever still refers to the entity shows up as an unknown reference once it is gone.
        var document = index.ToDocument();
        document = kind.WithList(document, kind.List(document)!.Where(x => kind.SlugOf(x) != slug).ToList());
        var references = DatasetValidator.Validate(document, int.MaxValue); // every one, to say how many
        if (references.Count > 0)
        {
            return new SaveResult<TDto>(SaveStatus.Invalid, null, 0, StillReferred(kind, document, references), null);
        }

        var before = kind.ToDto(entity);
        kind.Remove(index, entity);
        var record = Record(kind.Name, slug, ChangeAction.Delete, user, "Deleted", EntityJson.Write(before), null);
        db.ChangeRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new SaveResult<TDto>(SaveStatus.Conflict, null, 0, [new DatasetProblem("", $"someone changed the {kind.Name} '{slug}' while it was being deleted: reload it")], null);
        }

        await transaction.CommitAsync(cancellationToken);
        return new SaveResult<TDto>(SaveStatus.Saved, null, 0, [], ChangeInfo.Of(record));
    }

    /// <summary>
    /// Why an entity cannot be deleted: first how many references still point to it ("3 citations still cite this
    /// source"), then which entities they are in (the first <see cref="ReferrersShown"/>).
    /// </summary>
    private static List<DatasetProblem> StillReferred(EntityKind kind, DatasetDocument document, IReadOnlyList<DatasetProblem> references)
    {
        var count = references.Count;
        var summary = kind.Name == "source"
            ? $"{count} {(count == 1 ? "citation still cites" : "citations still cite")} this source"
            : $"{count} {(count == 1 ? "reference still points" : "references still point")} to this {kind.Name}";
        var problems = new List<DatasetProblem> { new("", $"Not deleted: {summary}. Change or delete {(count == 1 ? "it" : "them")} first.") };
        problems.AddRange(references.Take(ReferrersShown)
            .Select(p => new DatasetProblem("", $"{EntityKind.Describe(document, p.Path)} still refers to it ({p.Message}): change or delete that first")));
        if (count > ReferrersShown)
        {
            problems.Add(new DatasetProblem("", $"… and {count - ReferrersShown} more"));
        }

        return problems;
    }

    private const int ReferrersShown = 10;

    private static async Task<SaveResult<TDto>> ConflictAsync<TDto, TEntity>(TrackerDbContext db, EntityKind<TDto, TEntity> kind, TEntity theirs, CancellationToken cancellationToken)
        where TDto : class where TEntity : class
    {
        var dto = kind.ToDto(theirs);
        var last = await LastChangeAsync(db, kind.Name, kind.SlugOf(dto)!, cancellationToken);
        var who = last is null ? "Someone" : last.ChangedBy;
        return new SaveResult<TDto>(SaveStatus.Conflict, dto, VersionOf(kind, theirs),
            [new DatasetProblem("", $"{who} saved a newer version of this {kind.Name} after you opened it")], last);
    }

    private static async Task<ChangeInfo?> LastChangeAsync(TrackerDbContext db, string entityType, string slug, CancellationToken cancellationToken)
    {
        var record = await db.ChangeRecords.AsNoTracking().Where(c => c.EntityType == entityType && c.Slug == slug)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        return record is null ? null : ChangeInfo.Of(record);
    }

    private ChangeRecord Record(string type, string slug, ChangeAction action, string user, string summary, string? before, string? after) => new()
    {
        EntityType = type, Slug = slug, Action = action, ChangedBy = user, ChangedAt = time.GetUtcNow(), Summary = summary,
        BeforeJson = before, AfterJson = after,
    };

    private static SaveResult<TDto> Invalid<TDto>(params DatasetProblem[] problems) where TDto : class => new(SaveStatus.Invalid, null, 0, problems, null);

    /// <summary>Problems of the edited entity relative to it ("titleEn"); others say which entity they are about.</summary>
    private static List<DatasetProblem> Relative(DatasetDocument document, string prefix, IReadOnlyList<DatasetProblem> problems) =>
        problems.Select(p =>
                p.Path == prefix ? p with { Path = "" }
                : p.Path.StartsWith(prefix + ".", StringComparison.Ordinal) ? p with { Path = p.Path[(prefix.Length + 1)..] }
                : new DatasetProblem("", $"{EntityKind.DescribeField(document, p.Path)}: {p.Message}"))
            .ToList();
}
