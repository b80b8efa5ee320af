using System.Globalization;
using System.Text.Json.Nodes;

namespace MetaAiTracker.Web.Editing;

/// <summary>One field that two versions of an entity disagree on, as text a person reads.</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>Compares two versions of an entity (dataset-format JSON) field by field, for the history and conflict views.</summary>
public static class JsonDiff
{
    public static IReadOnlyList<FieldChange> Fields(string? beforeJson, string? afterJson)
    {
        var before = Parse(beforeJson);
        var after = Parse(afterJson);
        var names = before.Select(p => p.Key).Concat(after.Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        var changes = new List<FieldChange>();
        foreach (var name in names)
        {
            var b = before[name];
            var a = after[name];
            if (!JsonNode.DeepEquals(b, a))
            {
                changes.Add(new FieldChange(name, Text(b), Text(a)));
            }
        }

        return changes;
    }

    private static JsonObject Parse(string? json) => json is null ? [] : JsonNode.Parse(json) as JsonObject ?? [];

    /// <summary>A string as itself, a list one item a line, an object as "key: value · key: value"; never markup.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "—",
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        JsonValue value => Convert.ToString(value.GetValue<object>(), CultureInfo.InvariantCulture) ?? "",
        JsonArray array => array.Count == 0 ? "(none)" : string.Join("\n", array.Select(Text)),
        JsonObject obj => string.Join(" · ", obj.Where(p => p.Value is not null).Select(p => $"{p.Key}: {Text(p.Value)}")),
        _ => node.ToJsonString(),
    };
}
