using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MetaAiTracker.Core.Domain;

/// <summary>How precisely a <see cref="PartialDate"/> is known.</summary>
public enum DatePrecision
{
    Year = 0,
    Quarter = 1,
    Month = 2,
    Day = 3,
}

/// <summary>
/// A date known only as precisely as the sources allow: a year (<c>2025</c>), a quarter (<c>2025-Q3</c>),
/// a month (<c>2025-08</c>) or a day (<c>2025-08-29</c>). It covers the span <see cref="Start"/>..<see cref="End"/>
/// and is never widened into a made-up day.
/// </summary>
public readonly record struct PartialDate : IComparable<PartialDate>
{
    private static readonly string[] MonthNames =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private PartialDate(int year, int quarter, int month, int day, DatePrecision precision)
    {
        Year = year;
        Quarter = quarter;
        Month = month;
        Day = day;
        Precision = precision;
    }

    public int Year { get; }

    /// <summary>1–4; set for quarter, month and day precision.</summary>
    public int Quarter { get; }

    /// <summary>1–12 for month and day precision, otherwise 0.</summary>
    public int Month { get; }

    /// <summary>1–31 for day precision, otherwise 0.</summary>
    public int Day { get; }

    public DatePrecision Precision { get; }

    /// <summary>First day the date can denote.</summary>
    public DateOnly Start => Precision switch
    {
        DatePrecision.Year => new DateOnly(Year, 1, 1),
        DatePrecision.Quarter => new DateOnly(Year, (Quarter - 1) * 3 + 1, 1),
        DatePrecision.Month => new DateOnly(Year, Month, 1),
        _ => new DateOnly(Year, Month, Day),
    };

    /// <summary>Last day the date can denote.</summary>
    public DateOnly End => Precision switch
    {
        DatePrecision.Year => new DateOnly(Year, 12, 31),
        DatePrecision.Quarter => new DateOnly(Year, Quarter * 3, DateTime.DaysInMonth(Year, Quarter * 3)),
        DatePrecision.Month => new DateOnly(Year, Month, DateTime.DaysInMonth(Year, Month)),
        _ => new DateOnly(Year, Month, Day),
    };

    /// <summary>The middle of the span (rounded down); the documented stand-in for arithmetic on partial dates.</summary>
    public DateOnly Midpoint => Start.AddDays((End.DayNumber - Start.DayNumber) / 2);

    public static PartialDate OfYear(int year) =>
        IsValidYear(year) ? new(year, 0, 0, 0, DatePrecision.Year) : throw new ArgumentOutOfRangeException(nameof(year));

    public static PartialDate OfQuarter(int year, int quarter) =>
        IsValidYear(year) && quarter is >= 1 and <= 4
            ? new(year, quarter, 0, 0, DatePrecision.Quarter)
            : throw new ArgumentOutOfRangeException(nameof(quarter));

    public static PartialDate OfMonth(int year, int month) =>
        IsValidYear(year) && month is >= 1 and <= 12
            ? new(year, (month - 1) / 3 + 1, month, 0, DatePrecision.Month)
            : throw new ArgumentOutOfRangeException(nameof(month));

    public static PartialDate OfDay(int year, int month, int day) =>
        IsValidYear(year) && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new(year, (month - 1) / 3 + 1, month, day, DatePrecision.Day)
            : throw new ArgumentOutOfRangeException(nameof(day));

    public static PartialDate OfDay(DateOnly date) => OfDay(date.Year, date.Month, date.Day);

    public static PartialDate Parse(string text) =>
        TryParse(text, out var date, out var error) ? date : throw new FormatException(error);

    /// <summary>Parses <c>YYYY</c>, <c>YYYY-Qn</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>.</summary>
    public static bool TryParse(string? text, out PartialDate date) => TryParse(text, out date, out _);

    public static bool TryParse(string? text, out PartialDate date, [NotNullWhen(false)] out string? error)
    {
        date = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a date is required (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD)";
            return false;
        }

        var parts = text.Split('-');
        if (parts[0].Length != 4 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !IsValidYear(year))
        {
            error = $"'{Excerpt.Of(text)}' is not a date: expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD with a year from 1900 to 2999";
            return false;
        }

        switch (parts.Length)
        {
            case 1:
                date = OfYear(year);
                return true;
            case 2 when parts[1].Length == 2 && (parts[1][0] == 'Q' || parts[1][0] == 'q'):
                if (parts[1][1] is >= '1' and <= '4')
                {
                    date = OfQuarter(year, parts[1][1] - '0');
                    return true;
                }

                error = $"'{Excerpt.Of(text)}' is not a date: a quarter is Q1 to Q4";
                return false;
            case 2 when parts[1].Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m):
                if (m is >= 1 and <= 12)
                {
                    date = OfMonth(year, m);
                    return true;
                }

                error = $"'{Excerpt.Of(text)}' is not a date: month {m} does not exist";
                return false;
            case 3 when parts[1].Length == 2 && parts[2].Length == 2
                        && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var mm)
                        && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var dd):
                if (mm is < 1 or > 12)
                {
                    error = $"'{Excerpt.Of(text)}' is not a date: month {mm} does not exist";
                    return false;
                }

                if (dd < 1 || dd > DateTime.DaysInMonth(year, mm))
                {
                    error = $"'{Excerpt.Of(text)}' is not a date: {MonthNames[mm - 1]} {year} has no day {dd}";
                    return false;
                }

                date = OfDay(year, mm, dd);
                return true;
            default:
                error = $"'{Excerpt.Of(text)}' is not a date: expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD";
                return false;
        }
    }

    /// <summary>Canonical text form, the one the dataset format uses.</summary>
    public override string ToString() => Precision switch
    {
        DatePrecision.Year => Year.ToString("D4", CultureInfo.InvariantCulture),
        DatePrecision.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Quarter}"),
        DatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}"),
    };

    /// <summary>Human label at the true precision: "2025", "Q3 2025", "Aug 2025", "29 Aug 2025".</summary>
    public string Label => Precision switch
    {
        DatePrecision.Year => Year.ToString(CultureInfo.InvariantCulture),
        DatePrecision.Quarter => string.Create(CultureInfo.InvariantCulture, $"Q{Quarter} {Year}"),
        DatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{MonthNames[Month - 1]} {Year}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Day} {MonthNames[Month - 1]} {Year}"),
    };

    /// <summary>Orders by the start of the span, then the narrower span first.</summary>
    public int CompareTo(PartialDate other)
    {
        var c = Start.CompareTo(other.Start);
        return c != 0 ? c : End.CompareTo(other.End);
    }

    public static bool operator <(PartialDate left, PartialDate right) => left.CompareTo(right) < 0;
    public static bool operator >(PartialDate left, PartialDate right) => left.CompareTo(right) > 0;
    public static bool operator <=(PartialDate left, PartialDate right) => left.CompareTo(right) <= 0;
    public static bool operator >=(PartialDate left, PartialDate right) => left.CompareTo(right) >= 0;

    private static bool IsValidYear(int year) => year is >= 1900 and <= 2999;
}
