using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace MetaAiTracker.Data.Dataset;

/// <summary>Reads and writes the dataset document (JSON). Reading never throws for bad input: it returns the problems.</summary>
public static class DatasetReader
{
    public const int SupportedSchemaVersion = 1;

    private static readonly DatasetJsonContext WriteContext = new(new JsonSerializerOptions(DatasetJsonContext.Default.Options)
    {
        // Keep Chinese text readable in exports instead of \u escapes.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    public static DatasetReadResult Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var document = JsonSerializer.Deserialize(utf8Json, DatasetJsonContext.Default.DatasetDocument);
            if (document is null)
            {
                return DatasetReadResult.Failed(new DatasetProblem("$", "the document is empty (null)"));
            }

            return new DatasetReadResult(document, DatasetValidator.Validate(document));
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            return DatasetReadResult.Failed(new DatasetProblem(path, Describe(ex) + where));
        }
    }

    public static DatasetReadResult Read(string json) => Read(System.Text.Encoding.UTF8.GetBytes(json));

    public static async Task<DatasetReadResult> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public static string Write(DatasetDocument document) => JsonSerializer.Serialize(document, WriteContext.DatasetDocument);

    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal) || message.Contains("unmapped", StringComparison.OrdinalIgnoreCase))
        {
            return "unknown property: " + message.Split('.')[0];
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return "the document is nested too deeply";
        }

        // System.Text.Json messages name the expected type and the path; strip the type names of our DTOs.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return "not valid for the dataset format: " + (cut > 0 ? message[..cut] : message);
    }
}

public sealed record DatasetReadResult(DatasetDocument? Document, IReadOnlyList<DatasetProblem> Problems)
{
    public bool IsValid => Document is not null && Problems.Count == 0;

    public static DatasetReadResult Failed(DatasetProblem problem) => new(null, [problem]);
}
