using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using MetaAiTracker.Core.Domain;

namespace MetaAiTracker.Web.Api;

/// <summary>
/// The API's JSON conventions: camelCase names, enums as the kebab-case words the dataset format uses
/// (<see cref="EnumText"/>), partial dates as their canonical text ("2025-08") and Chinese left readable.
/// </summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null; // keys are slugs: keep them as they are
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.NumberHandling = JsonNumberHandling.Strict; // numbers are numbers, in the answers and in the OpenAPI schema
        options.Converters.Add(new PartialDateJsonConverter());
        options.Converters.Add(new QuoteLocatorJsonConverter());
        options.Converters.Add(new EnumTextJsonConverterFactory());
    }

    /// <summary>A fresh options instance with the API's conventions (for tests and for writers outside minimal APIs).</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}

/// <summary>Writes a <see cref="PartialDate"/> as its canonical string ("2025", "2025-Q3", "2025-08", "2025-08-29") and reads it back.</summary>
public sealed class PartialDateJsonConverter : JsonConverter<PartialDate>
{
    public override PartialDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A partial date is a string: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD.");
        }

        return PartialDate.TryParse(reader.GetString(), out var date, out var error) ? date : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, PartialDate value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}

/// <summary>Writes a <see cref="QuoteLocator"/> as its canonical string ("¶5:23-51") and reads it back.</summary>
public sealed class QuoteLocatorJsonConverter : JsonConverter<QuoteLocator>
{
    public override QuoteLocator Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && QuoteLocator.TryParse(reader.GetString(), out var locator)
            ? locator
            : throw new JsonException("A quote locator is a string: ¶paragraph:start-end.");

    public override void Write(Utf8JsonWriter writer, QuoteLocator value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}

/// <summary>Every enum as its <see cref="EnumText"/> spelling: <c>PersonKind.PublicFigure</c> ⇄ <c>"public-figure"</c>.</summary>
public sealed class EnumTextJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(EnumTextConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class EnumTextConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            return EnumText.TryParse<T>(text, out var value)
                ? value
                : throw new JsonException($"Expected one of: {EnumText.Allowed<T>()}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(EnumText.ToText(value));
    }
}
