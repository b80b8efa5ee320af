using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using MetaAiTracker.Data.Dataset;

namespace MetaAiTracker.Data.Editing;

/// <summary>
/// One entity of the dataset format as compact JSON: what the change history stores before and after each change,
/// so that a restore reads it back with the same contract (and the same rejection of unknown properties) as an import.
/// </summary>
public static class EntityJson
{
    private static readonly DatasetJsonContext Context = new(new JsonSerializerOptions(DatasetJsonContext.Default.Options)
    {
        WriteIndented = false,

        // Chinese stays readable; <, >, & and quotes are still escaped, so the JSON is inert wherever it is shown.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    public static string Write<T>(T dto) where T : class => JsonSerializer.Serialize(dto, Info<T>());

    public static T? Read<T>(string json) where T : class => JsonSerializer.Deserialize(json, Info<T>());

    /// <summary>The same JSON indented, for people to read.</summary>
    public static string Indented(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) }))
        {
            document.RootElement.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static JsonTypeInfo<T> Info<T>() =>
        (JsonTypeInfo<T>?)Context.GetTypeInfo(typeof(T)) ?? throw new NotSupportedException($"{typeof(T).Name} is not part of the dataset format");
}
