using Bunit;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Web.Components.Shared;
using MudBlazor;

namespace MetaAiTracker.Web.Tests;

public sealed class StatusBadgeTests(ShippedDatasetFixture fixture) : BunitTestBase(fixture)
{
    [Fact]
    public void Disputed_renders_the_word_Disputed_in_the_warning_colour_with_the_warning_icon()
    {
        var cut = Render<StatusBadge>(p => p.Add(b => b.Status, ClaimStatus.Disputed).Add(b => b.Note, "Mayer disputes the framing"));

        var chip = cut.Find(".status-badge");
        Assert.Equal("Disputed", chip.TextContent.Trim());
        Assert.Contains("mud-chip-color-warning", chip.ClassList);
        Assert.Equal("disputed", chip.GetAttribute("data-status"));
        Assert.Contains("Mayer disputes the framing", chip.GetAttribute("title"), StringComparison.Ordinal);

        // The icon is the warning triangle, so the status never relies on colour alone.
        var svg = Assert.Single(chip.QuerySelectorAll("svg"));
        Assert.Equal("true", svg.GetAttribute("aria-hidden"));
        var expected = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<svg>{Icons.Material.Filled.ReportProblem}</svg>").QuerySelectorAll("path").Select(p => p.GetAttribute("d"));
        Assert.Equal(expected, svg.QuerySelectorAll("path").Select(p => p.GetAttribute("d")));
    }

    [Theory]
    [InlineData(ClaimStatus.Reported, "Reported", "mud-chip-color-info")]
    [InlineData(ClaimStatus.Confirmed, "Confirmed", "mud-chip-color-success")]
    [InlineData(ClaimStatus.Disputed, "Disputed", "mud-chip-color-warning")]
    [InlineData(ClaimStatus.Denied, "Denied", "mud-chip-color-error")]
    public void Each_status_has_its_own_label_and_colour(ClaimStatus status, string label, string colourClass)
    {
        var cut = Render<StatusBadge>(p => p.Add(b => b.Status, status));

        var chip = cut.Find(".status-badge");
        Assert.Equal(label, chip.TextContent.Trim());
        Assert.Contains(colourClass, chip.ClassList);
    }

    [Fact]
    public void No_two_statuses_share_a_label_colour_or_icon()
    {
        var looks = Enum.GetValues<ClaimStatus>().Select(StatusAppearance.For).ToList();

        Assert.Equal(looks.Count, looks.Select(l => l.Label).Distinct().Count());
        Assert.Equal(looks.Count, looks.Select(l => l.Color).Distinct().Count());
        Assert.Equal(looks.Count, looks.Select(l => l.Icon).Distinct().Count());
    }
}
