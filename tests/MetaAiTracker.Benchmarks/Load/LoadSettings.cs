namespace MetaAiTracker.Benchmarks.Load;

/// <summary>The options of one <c>load</c> run (validated by LoadCommand). <see cref="Page"/>: where the circuits open (memory probes of other pages).</summary>
internal sealed record LoadSettings(Uri Uri, int Circuits, int Seconds, int MaxInteractions, int OpenConcurrency, string AttritionPath, string Page, ThinkTime Think, int? Pid);

/// <summary>The pause between one circuit's interactions, drawn uniformly from [MinMs, MaxMs].</summary>
internal readonly record struct ThinkTime(int MinMs, int MaxMs)
{
    public static ThinkTime Parse(string? text)
    {
        var parts = (text ?? "200,800").Split(',');
        var min = int.Parse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        var max = parts.Length > 1 ? int.Parse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture) : min;
        return max >= min ? new ThinkTime(min, max) : throw new FormatException($"--think {text}: MIN,MAX in milliseconds, MIN <= MAX");
    }
}
