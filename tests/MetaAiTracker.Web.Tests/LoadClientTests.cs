using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MetaAiTracker.Benchmarks.Load;
using MetaAiTracker.Web.Hosting;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace MetaAiTracker.Web.Tests;

/// <summary>
/// The load tool's pure parts against the real app in memory: the prerendered page's component markers, a circuit
/// opened over the blazorpack protocol, the render batches read for event handler ids, and the loopback-only memory
/// endpoint the tool reads. The load run itself is a separate command (docs/performance.md), not a test.
/// </summary>
public sealed partial class LoadClientTests
{
    private static readonly Dictionary<string, string> DiagnosticsOn = new() { ["Tracker:Diagnostics:Enabled"] = "true" };

    [Fact]
    public async Task The_memory_endpoint_is_off_unless_configured()
    {
        await using var factory = new TrackerFactory { WithEditor = false, RemoteAddress = IPAddress.Loopback };
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(LoadDiagnostics.MemoryPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_memory_endpoint_refuses_a_client_that_is_not_on_loopback()
    {
        await using var factory = new TrackerFactory { WithEditor = false, Settings = DiagnosticsOn, RemoteAddress = IPAddress.Parse("203.0.113.7") };
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(LoadDiagnostics.MemoryPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_protocol_client_opens_a_circuit_clicks_a_theme_chip_and_the_server_counts_the_circuit()
    {
        await using var factory = new TrackerFactory { WithEditor = false, Settings = DiagnosticsOn, RemoteAddress = IPAddress.Loopback };
        using var http = factory.CreateClient();
        var html = await http.GetStringAsync(new Uri("/timeline", UriKind.Relative));

        // The page: two interactive server roots (head outlet and routes) and the persisted state.
        var page = PrerenderedPage.Parse(html);
        Assert.Equal(2, page.ServerMarkers.Count);
        Assert.Equal([0, 1], page.ServerMarkers.Select(m => m["sequence"]!.GetValue<int>()));
        Assert.NotEmpty(page.ApplicationState);
        var prerenderedThemes = ThemeAttribute().Matches(html).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.NotEmpty(prerenderedThemes);

        var errors = new ConcurrentQueue<string>();
        var server = factory.Server;
        void InMemory(HttpConnectionOptions options)
        {
            options.HttpMessageHandlerFactory = _ => server.CreateHandler();
            options.WebSocketFactory = async (context, cancellation) => await server.CreateWebSocketClient().ConnectAsync(context.Uri, cancellation);
        }

        var circuit = await BlazorCircuitClient.OpenAsync(http, server.BaseAddress, "/timeline", errors.Enqueue, TimeSpan.FromSeconds(30), InMemory);
        try
        {
            // The chips found in the render batches are the page's theme chips, each with its own click handler. The
            // circuit is ready before the page's data has loaded when the store answers asynchronously (PostgreSQL), so
            // the batch that inserts the chips may come after it.
            for (var waited = Stopwatch.StartNew(); circuit.ThemeChips.Count < prerenderedThemes.Count && waited.Elapsed < TimeSpan.FromSeconds(30);)
            {
                await Task.Delay(50);
            }

            Assert.Equal(prerenderedThemes, circuit.ThemeChips.Keys.ToHashSet());
            Assert.Equal(circuit.ThemeChips.Count, circuit.ThemeChips.Values.Distinct().Count());
            Assert.All(circuit.ThemeChips.Values, id => Assert.True(id > 0));

            var (theme, handler) = circuit.ThemeChips.OrderBy(kv => kv.Key, StringComparer.Ordinal).First();
            await circuit.ClickAsync(handler, b => b.Contains("aria-pressed"), TimeSpan.FromSeconds(30));
            Assert.EndsWith($"/timeline?themes={theme}", circuit.Location, StringComparison.Ordinal);

            await circuit.NavigateAsync("/attrition", forgetThemeChips: true, b => b.Contains("attrition-controls"), TimeSpan.FromSeconds(30));
            Assert.Empty(circuit.ThemeChips);

            var memory = await http.GetFromJsonAsync<MemoryReport>(new Uri(LoadDiagnostics.MemoryPath, UriKind.Relative));
            Assert.NotNull(memory);
            Assert.Equal(1, memory.CircuitsOpen);
            Assert.True(memory.HeapBytes > 0);
            Assert.Empty(errors);
        }
        finally
        {
            await circuit.DisposeAsync();
        }
    }

    [Fact]
    public void A_render_batch_that_is_too_short_is_refused()
    {
        Assert.Throws<FormatException>(() => RenderBatch.Parse(new byte[12]));
    }

    [GeneratedRegex("data-theme=\"([^\"]+)\"[^>]*>\\s*[^<]*<span class=\"facet-count\"")]
    private static partial Regex ThemeAttribute();
}
