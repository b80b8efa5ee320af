using MetaAiTracker.Core.Domain;
using System.Globalization;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace MetaAiTracker.Data.Dataset;

/// <summary>Reads and writes the dataset document (JSON). Reading never throws for bad input: it returns the problems.</summary>
public static partial class DatasetReader
{
    /// <summary>The version this tracker writes and reads; <see cref="DatasetUpgrade.Version1"/> documents are read through <see cref="DatasetUpgrade"/>.</summary>
    public const int SupportedSchemaVersion = 2;

    private static readonly DatasetJsonContext WriteContext = new(new JsonSerializerOptions(DatasetJsonContext.Default.Options)
    {
        // Keep Chinese text readable in exports instead of \u escapes.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    /// <summary>
    /// Reads and validates a document. A version-1 document is first upgraded (<see cref="DatasetUpgrade"/>), taking what
    /// it lacks from <paramref name="known"/> (the store's sources, by slug) where given; the result's notes say what the
    /// upgrade decided. A valid document comes back completed: every quote with the locator of its place in the text.
    /// </summary>
    public static DatasetReadResult Read(ReadOnlySpan<byte> utf8Json, IReadOnlyDictionary<string, SourceDto>? known = null)
    {
        if (TooLong(utf8Json) is { } tooLong)
        {
            return DatasetReadResult.Failed(tooLong);
        }

        try
        {
            var document = JsonSerializer.Deserialize(utf8Json, DatasetJsonContext.Default.DatasetDocument);
            if (document is null)
            {
                return DatasetReadResult.Failed(new DatasetProblem("$", "the document is empty (null)"));
            }

            IReadOnlyList<DatasetProblem> notes = [];
            if (document.SchemaVersion == DatasetUpgrade.Version1)
            {
                var misplaced = DatasetUpgrade.Version2OnlyProperties(document).ToList();
                if (misplaced.Count > 0)
                {
                    return new DatasetReadResult(null, misplaced); // neither version: nothing to upgrade or load
                }

                (document, notes) = DatasetUpgrade.FromVersion1(document, known);
            }

            var problems = DatasetValidator.Validate(document);
            return new DatasetReadResult(problems.Count == 0 ? CitedSources.Complete(document) : document, problems) { Notes = notes };
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            return DatasetReadResult.Failed(new DatasetProblem(path, Describe(ex, path) + where));
        }
    }

    public static DatasetReadResult Read(string json, IReadOnlyDictionary<string, SourceDto>? known = null) =>
        Read(System.Text.Encoding.UTF8.GetBytes(json), known);

    public static async Task<DatasetReadResult> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public static string Write(DatasetDocument document) => JsonSerializer.Serialize(document, WriteContext.DatasetDocument);

    /// <summary>The document as the bytes of a download: what <c>/api/dataset</c> answers and <c>dataset export</c> writes.</summary>
    public static byte[] WriteUtf8(DatasetDocument document) => System.Text.Encoding.UTF8.GetBytes(Write(document));

    /// <summary>Most entries one list of a document may hold (events, citations, a text's paragraphs…).</summary>
    public const int MaxListEntries = 250_000;

    /// <summary>
    /// The first list longer than <see cref="MaxListEntries"/>, found by one pass of the reader over the bytes before
    /// anything is built from them: a small file of a million empty objects is refused for its size, not validated
    /// into millions of problems. Malformed JSON is left to the serializer, which says where it is.
    /// </summary>
    private static DatasetProblem? TooLong(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = DatasetJsonContext.Default.Options.MaxDepth });
        // Per open container: the property that holds it (or its index in the list above) and, for a list, its count.
        var open = new Stack<(string? Property, int Index, int Count, bool IsList)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        continue;
                    case JsonTokenType.EndArray or JsonTokenType.EndObject:
                        open.Pop();
                        continue;
                }

                var index = -1;
                if (open.TryPeek(out var parent) && parent.IsList)
                {
                    index = parent.Count;
                    open.Pop();
                    open.Push(parent with { Count = parent.Count + 1 });
                    if (parent.Count + 1 > MaxListEntries)
                    {
                        return new DatasetProblem(PathOf(open),
                            $"more than {MaxListEntries:N0} entries in one list: a document may hold at most that many (split it into several imports)");
                    }
                }

                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                {
                    open.Push((index < 0 ? property : null, index, 0, reader.TokenType == JsonTokenType.StartArray));
                }

                property = null;
            }
        }
        catch (JsonException)
        {
            // The serializer reads the same bytes next and reports the error with its path and line.
        }

        return null;
    }

    private static string PathOf(Stack<(string? Property, int Index, int Count, bool IsList)> open)
    {
        var path = new System.Text.StringBuilder("$");
        foreach (var (name, index, _, _) in open.Reverse().Skip(1))
        {
            _ = name is not null ? path.Append('.').Append(Excerpt.Of(name)) : path.Append('[').Append(index).Append(']');
        }

        return path.ToString();
    }

    private static string Describe(JsonException ex, string path)
    {
        var message = ex.Message;
        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return $"the property '{Excerpt.Of(PathSegments(path).LastOrDefault() ?? "?")}' is given twice in one object: keep one";
        }


        if (message.Contains("could not be mapped", StringComparison.Ordinal) || message.Contains("unmapped", StringComparison.OrdinalIgnoreCase))
        {
            // The path ends at the offending property: "$.events[0].colour" or "$.events[0]['odd.name']".
            return $"unknown property '{Excerpt.Of(PathSegments(path).LastOrDefault() ?? "?")}'";
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return "the document is nested too deeply";
        }

        if (ex.InnerException?.Message.Contains("UTF-8", StringComparison.Ordinal) == true)
        {
            return "the text is not valid UTF-8 (save the file as UTF-8)";
        }

        if (ex.InnerException is InvalidOperationException { Message: var inner } && inner.Contains("surrogate", StringComparison.OrdinalIgnoreCase))
        {
            // "\uD800" alone: the escape is well-formed JSON but no character.
            return "the text is not valid Unicode: a \\uD800–\\uDFFF escape must be half of a surrogate pair";
        }

        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            // System.Text.Json names the .NET type of our DTOs here (often the containing one); say what the format expects instead.
            return $"wrong type of value: {ExpectedAt(path)} is expected here";
        }

        // Anything else is a syntax error of the JSON text itself; drop the "Path: … | LineNumber: …" tail we report ourselves.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return "malformed JSON: " + (cut > 0 ? message[..cut] : message).TrimEnd();
    }

    /// <summary>Property names and array indexes of a JSON path, in order: "$.events[0].themes" → events, 0, themes.</summary>
    private static IEnumerable<string> PathSegments(string path)
    {
        foreach (Match m in PathSegment().Matches(path))
        {
            yield return m.Groups["name"].Success ? m.Groups["name"].Value
                : m.Groups["quoted"].Success ? m.Groups["quoted"].Value
                : m.Groups["index"].Value;
        }
    }

    /// <summary>What the dataset format holds at <paramref name="path"/>, from the serializer's own contract.</summary>
    private static string ExpectedAt(string path)
    {
        var type = typeof(DatasetDocument);
        foreach (var segment in PathSegments(path))
        {
            if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _) && ElementType(type) is { } element)
            {
                type = element;
                continue;
            }

            var property = DatasetJsonContext.Default.GetTypeInfo(type)?.Properties.FirstOrDefault(p => p.Name == segment);
            if (property is null)
            {
                return "another kind of value";
            }

            type = property.PropertyType;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) ? "a string"
            : type == typeof(bool) ? "true or false"
            : type == typeof(int) || type == typeof(decimal) ? "a number"
            : ElementType(type) is not null ? "an array"
            : "an object";
    }

    private static Type? ElementType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;

    // System.Text.Json writes plain names as ".name" and names with special characters as "['name']".
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>.*?)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}

public sealed record DatasetReadResult(DatasetDocument? Document, IReadOnlyList<DatasetProblem> Problems)
{
    public bool IsValid => Document is not null && Problems.Count == 0;

    /// <summary>What reading a version-1 document decided (citations made reports, kinds assumed), by JSON path; empty for version 2.</summary>
    public IReadOnlyList<DatasetProblem> Notes { get; init; } = [];

    public static DatasetReadResult Failed(DatasetProblem problem) => new(null, [problem]);
}
