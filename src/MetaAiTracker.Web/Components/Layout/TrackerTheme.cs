using MudBlazor;

namespace MetaAiTracker.Web.Components.Layout;

/// <summary>The product's palette, light and dark, with text contrast of at least 4.5:1.</summary>
public static class TrackerTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1A4FA0",
            Secondary = "#6A1B9A",
            AppbarBackground = "#10316B",
            AppbarText = "#FFFFFF",
            Background = "#F6F7FB",
            TextSecondary = "#4A5160",

            // MudBlazor's default status colours are 2–3.7:1 on white; these keep status chips and alerts at ≥ 4.5:1.
            Success = "#1B7F3B",
            Info = "#0B63B5",
            Warning = "#A15C00",
            Error = "#C62828",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8AB4F8",
            Secondary = "#CE93D8",
            AppbarBackground = "#111827",
            AppbarText = "#F3F4F6",
            Background = "#0F1115",
            Surface = "#1A1D24",
            DrawerBackground = "#151820",
            TextPrimary = "#ECEFF4",
            TextSecondary = "#B7BDC8",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "Segoe UI", "Roboto", "Noto Sans", "Noto Sans CJK SC", "sans-serif"],
            },
        },
    };
}
