namespace MetaAiTracker.Data.Dataset;

/// <summary>One thing wrong with a dataset document, located by its JSON path (e.g. <c>$.events[3].themes[1]</c>).</summary>
public sealed record DatasetProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Thrown when a document is rejected; carries every problem found.</summary>
public sealed class DatasetValidationException(IReadOnlyList<DatasetProblem> problems)
    : Exception($"The dataset was rejected with {problems.Count} problem(s):" + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Take(50)))
{
    public IReadOnlyList<DatasetProblem> Problems { get; } = problems;
}
