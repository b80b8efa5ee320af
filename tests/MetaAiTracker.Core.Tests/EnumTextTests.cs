using MetaAiTracker.Core.Domain;

namespace MetaAiTracker.Core.Tests;

/// <summary>Enum values as the dataset format and the API spell them (kebab-case).</summary>
public sealed class EnumTextTests
{
    public static TheoryData<ClaimStatus> ClaimStatuses => new(Enum.GetValues<ClaimStatus>());

    public static TheoryData<PersonKind> PersonKinds => new(Enum.GetValues<PersonKind>());

    [Theory]
    [MemberData(nameof(ClaimStatuses))]
    public void Every_claim_status_round_trips(ClaimStatus status)
    {
        var text = EnumText.ToText(status);

        Assert.True(EnumText.TryParse<ClaimStatus>(text, out var parsed), $"'{text}' does not parse back");
        Assert.Equal(status, parsed);
    }

    [Theory]
    [MemberData(nameof(PersonKinds))]
    public void Every_person_kind_round_trips(PersonKind kind)
    {
        var text = EnumText.ToText(kind);

        Assert.True(EnumText.TryParse<PersonKind>(text, out var parsed), $"'{text}' does not parse back");
        Assert.Equal(kind, parsed);
    }

    [Fact]
    public void Every_value_of_the_other_enums_round_trips()
    {
        AssertRoundTrips<OrganizationKind>();
        AssertRoundTrips<FigureUnit>();
        AssertRoundTrips<FigureScale>();
        AssertRoundTrips<DatePrecision>();
    }

    [Theory]
    [InlineData(ClaimStatus.Reported, "reported")]
    [InlineData(ClaimStatus.Confirmed, "confirmed")]
    [InlineData(ClaimStatus.Disputed, "disputed")]
    [InlineData(ClaimStatus.Denied, "denied")]
    public void Claim_statuses_are_spelled_as_the_dataset_format_spells_them(ClaimStatus status, string text)
    {
        Assert.Equal(text, EnumText.ToText(status));
    }

    [Fact]
    public void Multi_word_values_are_kebab_case()
    {
        Assert.Equal("public-figure", EnumText.ToText(PersonKind.PublicFigure));
        Assert.Equal("staff", EnumText.ToText(PersonKind.Staff));
        Assert.True(EnumText.TryParse<PersonKind>("public-figure", out var kind));
        Assert.Equal(PersonKind.PublicFigure, kind);
    }

    [Theory]
    [InlineData("rumoured")]
    [InlineData("publicfigure")]
    [InlineData("public_figure")]
    [InlineData("PublicFigure")]
    [InlineData("public figure")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Unknown_text_is_rejected(string? text)
    {
        Assert.False(EnumText.TryParse<PersonKind>(text, out var kind));
        Assert.Equal(default, kind);
        Assert.False(EnumText.TryParse<ClaimStatus>(text, out _));
    }

    [Fact]
    public void Numbers_are_not_accepted_in_place_of_names()
    {
        // Enum.TryParse would take "2" as Disputed; the dataset format names its values.
        Assert.False(EnumText.TryParse<ClaimStatus>("2", out _));
        Assert.False(EnumText.TryParse<ClaimStatus>("0", out _));
    }

    [Fact]
    public void Allowed_lists_the_spellings_for_error_messages()
    {
        Assert.Equal("reported, confirmed, disputed, denied", EnumText.Allowed<ClaimStatus>());
        Assert.Equal("staff, public-figure", EnumText.Allowed<PersonKind>());
        Assert.Equal("none, thousand, million, billion", EnumText.Allowed<FigureScale>());
    }

    private static void AssertRoundTrips<T>() where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            var text = EnumText.ToText(value);
            Assert.Matches("^[a-z]+(-[a-z]+)*$", text);
            Assert.True(EnumText.TryParse<T>(text, out var parsed), $"{typeof(T).Name}: '{text}' does not parse back");
            Assert.Equal(value, parsed);
        }
    }
}
