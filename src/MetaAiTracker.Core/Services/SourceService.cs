using MetaAiTracker.Core.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Services;

public sealed record SourceView(SourceRef Source, int Events, int People, int Tenures, int Figures)
{
    public int Total => Events + People + Tenures + Figures;
}

public sealed class SourceService(ITrackerDbContextFactory factory)
{
    /// <summary>Every source with how many events, people, tenures and figures cite it; the primary source first.</summary>
    public async Task<IReadOnlyList<SourceView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        var sources = await db.Sources.AsNoTracking().ToListAsync(cancellationToken);
        var counts = await db.Citations.AsNoTracking()
            .GroupBy(c => c.SourceId)
            .Select(g => new
            {
                SourceId = g.Key,
                Events = g.Count(c => c.EventId != null),
                People = g.Count(c => c.PersonId != null),
                Tenures = g.Count(c => c.TenureId != null),
                Figures = g.Count(c => c.FigureId != null),
            })
            .ToDictionaryAsync(x => x.SourceId, cancellationToken);

        return sources
            .Select(s => counts.TryGetValue(s.Id, out var c)
                ? new SourceView(SourceMapper.ToRef(s), c.Events, c.People, c.Tenures, c.Figures)
                : new SourceView(SourceMapper.ToRef(s), 0, 0, 0, 0))
            .OrderByDescending(v => v.Source.IsPrimary).ThenBy(v => v.Source.Published).ThenBy(v => v.Source.Publisher, StringComparer.Ordinal)
            .ToList();
    }
}
