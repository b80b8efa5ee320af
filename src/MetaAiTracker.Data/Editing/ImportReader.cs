using System.Globalization;
using MetaAiTracker.Data.Dataset;

namespace MetaAiTracker.Data.Editing;

/// <summary>
/// Reads an uploaded dataset document: refuses an oversize or non-JSON file with a plain message before the JSON
/// reader sees it, then reads and validates it with <see cref="DatasetReader"/> (every problem with its JSON path).
/// </summary>
public static class ImportReader
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>Reads at most <paramref name="maxBytes"/> from <paramref name="stream"/>, reporting bytes read so far.</summary>
    public static async Task<DatasetReadResult> ReadAsync(Stream stream, long maxBytes, long? declaredLength = null,
        IProgress<long>? progress = null, IReadOnlyDictionary<string, SourceDto>? known = null, CancellationToken cancellationToken = default)
    {
        if (declaredLength is { } length && length > maxBytes)
        {
            return TooLarge(length, maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return TooLarge(null, maxBytes);
            }

            buffer.Write(chunk, 0, read);
            progress?.Report(buffer.Length);
        }

        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), maxBytes, known);
    }

    /// <param name="known">The store's sources by slug: what a version-1 document lacks is taken from them (<see cref="DatasetUpgrade"/>).</param>
    public static DatasetReadResult Read(ReadOnlySpan<byte> bytes, long maxBytes = DefaultMaxBytes, IReadOnlyDictionary<string, SourceDto>? known = null)
    {
        if (bytes.Length > maxBytes)
        {
            return TooLarge(bytes.Length, maxBytes);
        }

        // A UTF-8 byte order mark is allowed in front of the document.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var start = bytes.IndexOfAnyExcept((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']);
        if (start < 0)
        {
            return DatasetReadResult.Failed(new DatasetProblem("$", "the file is empty: a dataset document is a JSON object"));
        }

        if (bytes[start] != (byte)'{')
        {
            return DatasetReadResult.Failed(new DatasetProblem("$", bytes[start] == (byte)'['
                ? "the file is a JSON array, not a dataset document (a JSON object with schemaVersion, themes, events, …)"
                : "the file is not JSON: a dataset document is a JSON object starting with '{' (export one from the tracker to see the format)"));
        }

        return DatasetReader.Read(bytes, known);
    }

    private static DatasetReadResult TooLarge(long? length, long maxBytes) => DatasetReadResult.Failed(new DatasetProblem("$",
        (length is { } l ? $"the file is {Size(l)}, " : "the file is larger than the limit, ") + $"more than the {Size(maxBytes)} an import may be"));

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024d * 1024):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d:0.#} KB");
}
