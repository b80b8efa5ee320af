using MetaAiTracker.Core.Domain;
using MudBlazor;

namespace MetaAiTracker.Web.Components.Shared;

/// <summary>How a claim status looks: label, colour and icon (so that status never relies on colour alone).</summary>
public sealed record StatusAppearance(string Label, Color Color, string Icon, string Description)
{
    public static StatusAppearance For(ClaimStatus status) => status switch
    {
        ClaimStatus.Confirmed => new("Confirmed", Color.Success, Icons.Material.Filled.Verified, "Confirmed by the party concerned or official filings"),
        ClaimStatus.Disputed => new("Disputed", Color.Warning, Icons.Material.Filled.ReportProblem, "Contradicted by another source or a party's own account"),
        ClaimStatus.Denied => new("Denied", Color.Error, Icons.Material.Filled.Block, "Denied by the party concerned"),
        _ => new("Reported", Color.Info, Icons.Material.Filled.Article, "Reported by a source, not independently confirmed"),
    };
}
