using System.Globalization;
using MetaAiTracker.Core.Domain;

namespace MetaAiTracker.Core.Services;

/// <summary>Writes a figure the way a reader expects it: "US$14.3B", "US$66–72B", "64%", "10M", "75,945 people".</summary>
public static class FigureFormat
{
    public static string Format(decimal value, decimal? valueHigh, FigureUnit unit, FigureScale scale)
    {
        var number = valueHigh is { } high && high != value
            ? $"{Number(value)}–{Number(high)}"
            : Number(value);
        var suffix = scale switch
        {
            FigureScale.Thousand => "K",
            FigureScale.Million => "M",
            FigureScale.Billion => "B",
            _ => string.Empty,
        };

        return unit switch
        {
            FigureUnit.Usd => $"US${number}{suffix}",
            FigureUnit.Percent => $"{number}%",
            FigureUnit.Months => $"{number}{suffix} {(value == 1 && valueHigh is null ? "month" : "months")}",
            FigureUnit.Days => $"{number}{suffix} {(value == 1 && valueHigh is null ? "day" : "days")}",
            FigureUnit.People => $"{number}{suffix} people",
            _ => $"{number}{suffix}",
        };
    }

    public static string Format(Figure figure) => Format(figure.Value, figure.ValueHigh, figure.Unit, figure.Scale);

    public static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Number(decimal value) => value.ToString(value == decimal.Truncate(value) ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);
}
