namespace MetaAiTracker.Benchmarks.Load;

/// <summary>The options of one <c>load</c> run (validated by LoadCommand).</summary>
internal sealed record LoadSettings(Uri Uri, int Circuits, int Seconds, int MaxInteractions, int OpenConcurrency, string AttritionPath, int? Pid);
