using System.Text.Json.Nodes;
using MetaAiTracker.Core.Domain;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MetaAiTracker.Web.Api;

/// <summary>Makes the OpenAPI document say what the JSON really holds: partial dates and enums are strings.</summary>
internal static class ApiOpenApi
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "MetaAiTracker API";
            document.Info.Version = "v1";
            document.Info.Description =
                "Read-only API over the tracker's cited dataset of Meta's AI turmoil. Every citation is a `quote` (the exact words of a text " +
                "the store archives, with its `locator` in that text) or a `report` (the tracker's own sentence, attributed to the source, whose " +
                "`url` is the page read). Errors are RFC 9457 ProblemDetails; a bad parameter is a 400 whose `errors` are keyed by parameter name.";
            return Task.CompletedTask;
        });

        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            var nullable = Nullable.GetUnderlyingType(type) is not null;
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(PartialDate))
            {
                schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
                schema.Pattern = @"^\d{4}(-Q[1-4]|-\d{2}(-\d{2})?)?$";
                schema.Description = "Partial date at the precision the sources allow: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD.";
                schema.Properties?.Clear();
                schema.Required?.Clear();
            }
            else if (type == typeof(QuoteLocator))
            {
                schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
                schema.Pattern = @"^¶\d+:\d+-\d+$";
                schema.Description = "Where a quote stands in its source's archived text: ¶paragraph:start-end (paragraph from 1, characters from 0, end excluded).";
                schema.Properties?.Clear();
                schema.Required?.Clear();
            }
            else if (type.IsEnum)
            {
                schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
                schema.Format = null;
                schema.Enum = Enum.GetValues(type).Cast<Enum>()
                    .Select(v => (JsonNode)JsonValue.Create(EnumTextOf(v))!)
                    .ToList();
            }

            return Task.CompletedTask;
        });
    }

    private static string EnumTextOf(Enum value)
    {
        var method = typeof(EnumText).GetMethod(nameof(EnumText.ToText))!.MakeGenericMethod(value.GetType());
        return (string)method.Invoke(null, [value])!;
    }
}
