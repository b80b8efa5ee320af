using System.Globalization;
using System.Text;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using Microsoft.Data.Sqlite;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// The baselines: the same questions the services answer, written by hand in SQL and run through Microsoft.Data.Sqlite
/// with no ORM. Each returns the same result type as the service it is compared with, so the benchmark compares the
/// cost of getting the same answer. The SQL is what a careful person would write for this schema (the same tables,
/// indexes and FTS5 tables the services use), not a deliberately slow strawman.
/// </summary>
public sealed class HandSql(string connectionString)
{
    private const string Like = " LIKE $pattern ESCAPE '\\' ";

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        // The same page cache the store gives EF's connections (SqlitePragmas), so both sides read alike.
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA cache_size = -32768;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>The WHERE clause of <see cref="TimelineService.Filter"/> for the filters the benchmarks use.</summary>
    private static string Where(TimelineFilter filter, SqliteCommand command, bool themes = true, bool statuses = true)
    {
        var where = new StringBuilder("1 = 1");
        if (themes && filter.Themes.Count > 0)
        {
            var names = filter.Themes.Select((slug, i) =>
            {
                var name = "$theme" + i.ToString(CultureInfo.InvariantCulture);
                Set(command, name, slug);
                return name;
            });
            where.Append(CultureInfo.InvariantCulture, $" AND EXISTS (SELECT 1 FROM EventThemes et JOIN Themes t ON t.Id = et.ThemeId WHERE et.EventId = e.Id AND t.Slug IN ({string.Join(", ", names)}))");
        }

        if (statuses && filter.Statuses.Count > 0)
        {
            var names = filter.Statuses.Select((status, i) =>
            {
                var name = "$status" + i.ToString(CultureInfo.InvariantCulture);
                Set(command, name, status.ToString());
                return name;
            });
            where.Append(CultureInfo.InvariantCulture, $" AND e.Status IN ({string.Join(", ", names)})");
        }

        if (filter.From is { } from)
        {
            where.Append(" AND e.DateStart >= $from");
            Set(command, "$from", from.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (filter.To is { } to)
        {
            where.Append(" AND e.DateEnd <= $to");
            Set(command, "$to", to.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            if (text.EnumerateRunes().Count() >= 3)
            {
                where.Append("""
                     AND e.Id IN (SELECT rowid FROM EventText WHERE EventText MATCH $phrase)
                    """);
                Set(command, "$phrase", "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
            }

            where.Append(CultureInfo.InvariantCulture,
                $" AND (e.TitleEn{Like}OR e.TitleZh{Like}OR e.SummaryEn{Like}OR e.SummaryZh{Like}OR EXISTS (SELECT 1 FROM Citations c WHERE c.EventId = e.Id AND (c.Quote{Like}OR c.QuoteEn{Like})))");
            var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
            Set(command, "$pattern", "%" + escaped + "%");
        }

        return where.ToString();
    }

    /// <summary>The same answer as <see cref="TimelineService.QueryAsync"/>: total, store total, one page with its themes, people and organisations, and the facets.</summary>
    public async Task<TimelineResult> TimelineAsync(TimelineFilter filter)
    {
        await using var connection = Open();
        var pageSize = Math.Clamp(filter.PageSize, 1, TimelineFilter.MaxPageSize);
        var page = Math.Max(filter.Page, 1);

        // Counts and facets in one batch of statements (one round trip, several result sets).
        int total, totalInStore;
        var themeCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var statusCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var themes = new List<(string Slug, string Name)>();
        await using (var command = connection.CreateCommand())
        {
            var all = Where(filter, command);
            var noThemes = Where(filter, command, themes: false);
            var noStatus = Where(filter, command, statuses: false);
            command.CommandText = $"""
                SELECT COUNT(*) FROM Events e WHERE {all};
                SELECT COUNT(*) FROM Events;
                SELECT Slug, NameEn FROM Themes ORDER BY Id;
                SELECT t.Slug, COUNT(*) FROM Events e JOIN EventThemes et ON et.EventId = e.Id JOIN Themes t ON t.Id = et.ThemeId WHERE {noThemes} GROUP BY t.Slug;
                SELECT e.Status, COUNT(*) FROM Events e WHERE {noStatus} GROUP BY e.Status;
                """;
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            total = reader.GetInt32(0);
            await reader.NextResultAsync();
            await reader.ReadAsync();
            totalInStore = reader.GetInt32(0);
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                themes.Add((reader.GetString(0), reader.GetString(1)));
            }

            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                themeCounts[reader.GetString(0)] = reader.GetInt32(1);
            }

            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                statusCounts[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var items = await PageAsync(connection, filter, pageSize, page);
        var facets = new TimelineFacets(
            themes.Select(t => new FacetCount(t.Slug, t.Name, themeCounts.GetValueOrDefault(t.Slug))).ToList(),
            Enum.GetValues<ClaimStatus>().Select(s => new FacetCount(EnumText.ToText(s), EnumText.ToText(s), statusCounts.GetValueOrDefault(s.ToString()))).ToList());
        return new TimelineResult(items, total, totalInStore, page, pageSize, facets);
    }

    /// <summary>One page of events in timeline order, then their themes, people and organisations in one statement each.</summary>
    public async Task<List<TimelineItem>> PageAsync(SqliteConnection connection, TimelineFilter filter, int pageSize, int page)
    {
        var rows = new List<(int Id, string Slug, string Date, string TitleEn, string TitleZh, string SummaryEn, string Status, string? Note, int Importance)>();
        await using (var command = connection.CreateCommand())
        {
            var direction = filter.Sort == SortOrder.Descending ? "DESC" : "ASC";
            command.CommandText = $"""
                SELECT e.Id, e.Slug, e.Date, e.TitleEn, e.TitleZh, e.SummaryEn, e.Status, e.StatusNote, e.Importance
                FROM Events e WHERE {Where(filter, command)}
                ORDER BY e.DateStart {direction}, e.DateEnd {direction}, e.Id {direction} LIMIT $take OFFSET $skip
                """;
            Set(command, "$take", pageSize);
            Set(command, "$skip", (page - 1) * pageSize);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt32(8)));
            }
        }

        var themes = new Dictionary<int, List<ThemeRef>>();
        var people = new Dictionary<int, List<PersonRef>>();
        var organizations = new Dictionary<int, List<OrganizationRef>>();
        if (rows.Count > 0)
        {
            await using var command = connection.CreateCommand();
            var ids = string.Join(",", rows.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)));
            command.CommandText = $"""
                SELECT et.EventId, t.Slug, t.NameEn, t.NameZh, t.Color FROM EventThemes et JOIN Themes t ON t.Id = et.ThemeId
                WHERE et.EventId IN ({ids}) ORDER BY et.EventId, t.Id;
                SELECT ep.EventId, p.Slug, p.Name, p.NativeName, ep.Role FROM EventPeople ep JOIN People p ON p.Id = ep.PersonId
                WHERE ep.EventId IN ({ids}) ORDER BY ep.EventId, p.Name;
                SELECT eo.EventId, o.Slug, COALESCE(o.ShortName, o.Name), eo.Role FROM EventOrganizations eo JOIN Organizations o ON o.Id = eo.OrganizationId
                WHERE eo.EventId IN ({ids}) ORDER BY eo.EventId, o.Name;
                """;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Add(themes, reader.GetInt32(0), new ThemeRef(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }

            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                Add(people, reader.GetInt32(0), new PersonRef(reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                Add(organizations, reader.GetInt32(0), new OrganizationRef(reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        return rows.Select(r => new TimelineItem(r.Slug, PartialDate.Parse(r.Date), r.TitleEn, r.TitleZh, r.SummaryEn,
            Enum.Parse<ClaimStatus>(r.Status), r.Note, r.Importance,
            themes.GetValueOrDefault(r.Id) ?? [], people.GetValueOrDefault(r.Id) ?? [], organizations.GetValueOrDefault(r.Id) ?? [])).ToList();
    }

    /// <summary>
    /// What <see cref="TimelineProjection"/> reads to build a snapshot — every event's id in timeline order, every
    /// event's status, every theme link — into the same arrays (ids, statuses, a theme mask per event), reading rows;
    /// returns the event count.
    /// </summary>
    public async Task<int> ProjectionAsync() => (await ProjectionColumnsAsync()).Ids.Count;

    /// <summary>The number of themes.</summary>
    public async Task<int> ThemeCountAsync()
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT count(*) FROM "Themes" """;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The arrays <see cref="ProjectionAsync"/> builds: ids in timeline order, and each one's status and theme mask.</summary>
    public async Task<(List<int> Ids, byte[] Statuses, ulong[] Masks)> ProjectionColumnsAsync()
    {
        await using var connection = Open();
        var bitOfTheme = new Dictionary<long, int>();
        await using (var themes = connection.CreateCommand())
        {
            themes.CommandText = """SELECT "Id" FROM "Themes" ORDER BY "Id" """;
            await using var reader = await themes.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                bitOfTheme[reader.GetInt64(0)] = bitOfTheme.Count;
            }
        }

        // Ids in timeline order and statuses each from the index that holds them (not the wide rows), as rows.
        var ids = new List<int>();
        await using (var events = connection.CreateCommand())
        {
            events.CommandText = """SELECT "Id" FROM "Events" ORDER BY "DateStart", "DateEnd", "Id" """;
            await using var reader = await events.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt32(0));
            }
        }

        var slotOfId = new int[ids.Count == 0 ? 1 : ids.Max() + 1];
        for (var slot = 0; slot < ids.Count; slot++)
        {
            slotOfId[ids[slot]] = slot;
        }

        var statuses = new byte[ids.Count];
        await using (var events = connection.CreateCommand())
        {
            events.CommandText = """SELECT "Id", "Status" FROM "Events" """;
            await using var reader = await events.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                statuses[slotOfId[reader.GetInt32(0)]] = (byte)Enum.Parse<ClaimStatus>(reader.GetString(1));
            }
        }

        var masks = new ulong[ids.Count];
        await using (var links = connection.CreateCommand())
        {
            links.CommandText = """SELECT "EventId", "ThemeId" FROM "EventThemes" """;
            await using var reader = await links.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                masks[slotOfId[reader.GetInt32(0)]] |= 1UL << bitOfTheme[reader.GetInt64(1)];
            }
        }

        return (ids, statuses, masks);
    }

    /// <summary>The timeline page (with its counts and facets, as the page shows them) grouped by month.</summary>
    public async Task<List<(string Key, List<TimelineItem> Items)>> GroupedPageAsync(TimelineFilter filter)
    {
        var items = (await TimelineAsync(filter)).Items;
        // Month buckets: a date known to the month or day goes to its month; a coarser one to its own bucket. Buckets in
        // the order the page shows them: by where their span ends, finer first.
        return items.GroupBy(i => i.Date.Precision >= DatePrecision.Month ? PartialDate.OfMonth(i.Date.Year, i.Date.Month) : i.Date)
            .OrderBy(g => g.Key.End).ThenByDescending(g => g.Key.Start)
            .Select(g => (g.Key.Precision == DatePrecision.Month ? g.Key.ToString() : g.Key + "-unknown", g.ToList())).ToList();
    }

    /// <summary>The tenures <see cref="AttritionService.ComputeAsync"/> reads, and its as-of date, by hand; the same calculator then runs.</summary>
    public async Task<AttritionReport> AttritionAsync(string organization, DateOnly today)
    {
        await using var connection = Open();
        var tenures = new List<TenureRecord>();
        var dates = new List<PartialDate>();
        DateOnly? firstJoin = null;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                WITH RECURSIVE tree(Id) AS (
                    SELECT Id FROM Organizations WHERE Slug = $org
                    UNION SELECT o.Id FROM Organizations o JOIN tree ON o.ParentId = tree.Id)
                SELECT p.Slug, p.Name, t.Start, t."End", cf.Slug, wt.Slug
                FROM Tenures t JOIN People p ON p.Id = t.PersonId
                LEFT JOIN Organizations cf ON cf.Id = t.CameFromId LEFT JOIN Organizations wt ON wt.Id = t.WentToId
                WHERE t.OrganizationId IN (SELECT Id FROM tree);
                SELECT Start FROM Tenures WHERE Start IS NOT NULL UNION SELECT "End" FROM Tenures WHERE "End" IS NOT NULL;
                SELECT Date FROM Events ORDER BY DateStart DESC, DateEnd ASC LIMIT 1;
                """;
            Set(command, "$org", organization);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                PartialDate? start = reader.IsDBNull(2) ? null : PartialDate.Parse(reader.GetString(2));
                tenures.Add(new TenureRecord(reader.GetString(0), reader.GetString(1), start,
                    reader.IsDBNull(3) ? null : PartialDate.Parse(reader.GetString(3)),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
                if (start is { } s && (firstJoin is null || AttritionCalculator.PointOf(s) < firstJoin))
                {
                    firstJoin = AttritionCalculator.PointOf(s);
                }
            }

            for (var i = 0; i < 2; i++)
            {
                await reader.NextResultAsync();
                while (await reader.ReadAsync())
                {
                    dates.Add(PartialDate.Parse(reader.GetString(0)));
                }
            }
        }

        var latest = dates.OrderByDescending(d => d.Start).ThenBy(d => d.End).First();
        var day = latest.Precision >= DatePrecision.Month ? latest.End : latest.Start;
        var asOf = day < today ? day : today;
        var from = firstJoin ?? new DateOnly(asOf.Year, 1, 1);
        return AttritionCalculator.Compute(tenures, from, asOf < from ? from : asOf, asOf);
    }

    private static void Set(SqliteCommand command, string name, object value)
    {
        // Where() runs once per statement of a batch: each parameter is bound once and shared by the statements.
        if (!command.Parameters.Contains(name))
        {
            command.Parameters.AddWithValue(name, value);
        }
    }

    private static void Add<T>(Dictionary<int, List<T>> map, int id, T item)
    {
        if (!map.TryGetValue(id, out var list))
        {
            map[id] = list = [];
        }

        list.Add(item);
    }
}
