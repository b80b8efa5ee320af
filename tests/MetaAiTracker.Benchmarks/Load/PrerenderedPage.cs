using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MetaAiTracker.Benchmarks.Load;

/// <summary>
/// What blazor.web.js reads from a prerendered page before it starts a circuit: the interactive-server root component
/// markers (<c>&lt;!--Blazor:{"type":"server",…}--&gt;</c>, in document order) and the persisted component state
/// (<c>&lt;!--Blazor-Server-Component-State:…--&gt;</c>).
/// </summary>
internal sealed partial record PrerenderedPage(IReadOnlyList<JsonObject> ServerMarkers, string ApplicationState)
{
    public static PrerenderedPage Parse(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var markers = new List<JsonObject>();
        foreach (Match match in Marker().Matches(html))
        {
            // End markers are {"prerenderId":"…"} only; start markers carry the type and the protected descriptor.
            if (JsonNode.Parse(match.Groups["json"].Value) is JsonObject marker
                && marker["type"]?.GetValue<string>() == "server")
            {
                markers.Add(marker);
            }
        }

        var state = State().Match(html);
        return new PrerenderedPage(markers, state.Success ? state.Groups["state"].Value : string.Empty);
    }

    /// <summary>
    /// The first <c>UpdateRootComponents</c> batch, as blazor.web.js builds it: every server marker becomes an "add"
    /// operation with a 1-based SSR component id and the marker plus a 0-based unique id.
    /// </summary>
    public string AddOperationsJson(int batchId)
    {
        var operations = new JsonArray();
        for (var i = 0; i < ServerMarkers.Count; i++)
        {
            var marker = (JsonObject)ServerMarkers[i].DeepClone();
            marker["uniqueId"] = i;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker });
        }

        return new JsonObject { ["batchId"] = batchId, ["operations"] = operations }.ToJsonString(JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(?<state>[A-Za-z0-9+/=]+)-->")]
    private static partial Regex State();
}
