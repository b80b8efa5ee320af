using MetaAiTracker.Core.Services;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// The timeline's people and organisation pickers ask the server for the first few names containing the typed text
/// instead of loading everyone: checked against the whole list, filtered in memory, on a generated 1k dataset
/// (200 people, nearly half with Chinese names).
/// </summary>
public sealed class NameSearchTests(SyntheticDatabase fixture) : IClassFixture<SyntheticDatabase>
{
    private PeopleService People => new(fixture.Database.Factory, new AttritionService(fixture.Database.Factory, TimeProvider.System));

    private EventService Events => new(fixture.Database.Factory);

    private async Task<List<(string Slug, string Name, string? Native)>> EveryoneAsync()
    {
        await using var db = fixture.Database.CreateContext();
        return (await db.People.Select(p => new { p.Slug, p.Name, p.NativeName }).ToListAsync())
            .Select(p => (p.Slug, p.Name, (string?)p.NativeName)).ToList();
    }

    [Fact]
    public async Task Part_of_an_english_name_in_any_case_finds_the_first_twenty_that_contain_it()
    {
        var everyone = await EveryoneAsync();
        var someone = everyone.First(p => p.Name.Contains(' ', StringComparison.Ordinal));
        var part = someone.Name.Split(' ')[1][..3].ToUpperInvariant();
        var expected = everyone
            .Where(p => p.Name.Contains(part, StringComparison.OrdinalIgnoreCase) || (p.Native?.Contains(part, StringComparison.OrdinalIgnoreCase) ?? false))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Slug, StringComparer.Ordinal).Take(NameSearch.DefaultLimit).Select(p => p.Slug).ToList();

        var found = await People.SearchNamesAsync(part);

        Assert.Contains(someone.Slug, (await People.SearchNamesAsync(someone.Name.ToLowerInvariant())).Select(p => p.Slug));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, found.Select(p => p.Slug));
        Assert.InRange(found.Count, 1, NameSearch.DefaultLimit);
    }

    [Fact]
    public async Task Part_of_a_chinese_name_finds_the_people_who_carry_it()
    {
        var everyone = await EveryoneAsync();
        var someone = everyone.First(p => p.Native is { Length: >= 2 });
        var part = someone.Native![1..];
        var expected = everyone.Where(p => p.Native?.Contains(part, StringComparison.Ordinal) ?? false).Select(p => p.Slug).Order(StringComparer.Ordinal).ToList();

        var found = await People.SearchNamesAsync(part, limit: NameSearch.MaxLimit);

        Assert.Contains(someone.Slug, found.Select(p => p.Slug));
        Assert.Equal(expected, found.Select(p => p.Slug).Order(StringComparer.Ordinal));
        Assert.All(found, p => Assert.Contains(part, p.NativeName!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_text_gives_the_first_names_and_wildcards_are_plain_characters()
    {
        var everyone = await EveryoneAsync();
        Assert.Equal(
            everyone.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Slug, StringComparer.Ordinal).Take(5).Select(p => p.Slug),
            (await People.SearchNamesAsync("  ", limit: 5)).Select(p => p.Slug));
        Assert.Empty(await People.SearchNamesAsync("%"));
        Assert.Empty(await People.SearchNamesAsync("_"));
    }

    [Fact]
    public async Task Names_of_chosen_slugs_skip_unknown_ones_and_organisations_are_found_by_chinese_name()
    {
        var everyone = await EveryoneAsync();
        var names = await People.NamesOfAsync([everyone[3].Slug, "nobody-at-all"]);
        Assert.Equal([everyone[3].Name], names.Select(n => n.Name));

        var all = await Events.OrganizationsAsync();
        var withChinese = all.First(o => o.NameZh is { Length: > 2 } zh && zh != o.Name);
        var found = await Events.SearchOrganizationsAsync(withChinese.NameZh![..^1]);
        Assert.Contains(withChinese.Slug, found.Select(o => o.Slug));
        Assert.All(found, o => Assert.Contains(
            new[] { o.Name, o.NameZh, o.ShortName }, n => n?.Contains(withChinese.NameZh![..^1], StringComparison.OrdinalIgnoreCase) ?? false));
        Assert.Equal([withChinese.Slug], (await Events.OrganizationsOfAsync([withChinese.Slug, "nothing"])).Select(o => o.Slug));
    }
}
