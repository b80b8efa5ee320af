using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Benchmarks.Load;

/// <summary>
/// One Blazor Server circuit driven at the protocol level, the way blazor.web.js (.NET 10) drives it: GET the
/// prerendered page, connect to <c>/_blazor</c> with the "blazorpack" protocol, <c>StartCircuit</c>, then
/// <c>UpdateRootComponents</c> with the page's server markers and persisted state; acknowledge every render batch
/// (<c>OnRenderCompleted</c>), answer the server's JavaScript interop calls (<c>EndInvokeJSFromDotNet</c>), follow the
/// server's navigations (<c>OnLocationChanged</c>) and dispatch clicks on elements it found in the render batches
/// (<c>BeginInvokeDotNetFromJS</c> → the renderer's <c>DispatchEventAsync</c>).
/// </summary>
internal sealed class BlazorCircuitClient : IAsyncDisposable
{
    /// <summary>JavaScript functions whose result the server awaits and the load client has no answer for (answered null).</summary>
    public static readonly ConcurrentDictionary<string, int> UnknownJsCalls = new(StringComparer.Ordinal);

    private static long _largestMessageSent;

    /// <summary>The largest hub message this process sent (approximately: its string arguments), against MaximumReceiveMessageSize.</summary>
    public static long LargestMessageSent => Interlocked.Read(ref _largestMessageSent);

    private static void NoteMessageSize(long size)
    {
        long seen;
        while (size > (seen = Interlocked.Read(ref _largestMessageSent)) && Interlocked.CompareExchange(ref _largestMessageSent, size, seen) != seen)
        {
        }
    }

    /// <summary>LOAD_DEBUG=1: print each batch's first strings and write its bytes to $TMPDIR/load-batch-ID.bin (one circuit at a time).</summary>
    private static readonly bool Debug = Environment.GetEnvironmentVariable("LOAD_DEBUG") == "1";

    private static readonly HttpClient Beacon = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly Uri _baseUri;
    private readonly HubConnection _hub;
    private readonly Action<string> _error;
    private readonly List<(Func<RenderBatch, bool> Done, TaskCompletionSource<RenderBatch> Signal)> _waiters = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _pendingDotNetCalls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ulong> _themeChips = new(StringComparer.Ordinal);
    private long _rendererInterop = -1;
    private long _nextCallId;
    private long _nextJsObjectId;
    private string? _circuitId;
    private bool _disposing;

    private BlazorCircuitClient(Uri baseUri, HubConnection hub, Action<string> error)
    {
        _baseUri = baseUri;
        _hub = hub;
        _error = error;
    }

    public string Location { get; private set; } = string.Empty;

    public long BatchesReceived { get; private set; }

    public long BytesReceived { get; private set; }

    /// <summary>Theme chips on the timeline (data-theme → click handler id), as last inserted by a render batch.</summary>
    public IReadOnlyDictionary<string, ulong> ThemeChips => _themeChips;

    /// <summary>Opens a circuit on <paramref name="path"/> and returns once the layout's circuit-ready marker has rendered.</summary>
    /// <param name="configure">Transport settings, e.g. an in-memory test server's handler and WebSocket factory.</param>
    public static async Task<BlazorCircuitClient> OpenAsync(HttpClient http, Uri baseUri, string path, Action<string> error, TimeSpan timeout,
        Action<HttpConnectionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var html = await http.GetStringAsync(new Uri(baseUri, path));
        var page = PrerenderedPage.Parse(html);
        if (page.ServerMarkers.Count == 0)
        {
            throw new InvalidOperationException($"{path}: no interactive server component markers in the page");
        }

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "_blazor"), HttpTransportType.WebSockets, options => configure?.Invoke(options))
            .WithServerTimeout(TimeSpan.FromSeconds(30))
            .WithKeepAliveInterval(TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var client = new BlazorCircuitClient(baseUri, builder.Build(), error) { Location = new Uri(baseUri, path).ToString() };
        client.Subscribe();

        using var cancel = new CancellationTokenSource(timeout);
        await client._hub.StartAsync(cancel.Token);
        var ready = client.WaitForBatch(b => b.Contains("circuit-ready"));
        client._circuitId = await client._hub.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), client.Location, "[]", page.ApplicationState, cancel.Token);
        if (string.IsNullOrEmpty(client._circuitId))
        {
            await client.DisposeAsync();
            throw new InvalidOperationException("StartCircuit returned no circuit id");
        }

        var operations = page.AddOperationsJson(1);
        NoteMessageSize(operations.Length + page.ApplicationState.Length);
        await client._hub.SendAsync("UpdateRootComponents", operations, page.ApplicationState, cancel.Token);
        await ready.WaitAsync(timeout);
        return client;
    }

    private void Subscribe()
    {
        _hub.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        _hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        _hub.On<string, bool, string>("JS.EndInvokeDotNet", (callId, success, result) =>
        {
            if (_pendingDotNetCalls.TryRemove(callId, out var pending))
            {
                pending.TrySetResult(success);
            }

            if (!success)
            {
                _error($"a .NET call from the client failed: {Short(result)}");
            }
        });
        _hub.On<string>("JS.Error", message => _error($"JS.Error: {Short(message)}"));
        _hub.On<long>("JS.EndUpdateRootComponents", _ => { });
        _hub.Closed += ex =>
        {
            if (!_disposing)
            {
                _error($"circuit connection closed: {Short(ex?.Message ?? "by the server")}");
                FailWaiters(new InvalidOperationException("connection closed"));
            }

            return Task.CompletedTask;
        };
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        BatchesReceived++;
        BytesReceived += data.Length;
        RenderBatch batch;
        try
        {
            batch = RenderBatch.Parse(data);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            _error($"render batch {batchId} could not be read: {ex.Message}");
            await _hub.SendAsync("OnRenderCompleted", batchId, ex.Message);
            return;
        }

        if (Debug)
        {
            await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), $"load-batch-{batchId}.bin"), data);
            Console.WriteLine($"batch {batchId}: {data.Length} bytes, {batch.UpdatedComponents} components: {string.Join(" | ", batch.Strings.Take(40).Select(t => t.Length > 40 ? t[..40] : t))}");
        }

        if (batch.Contains("error-boundary"))
        {
            // The layout's error boundary: a component threw while rendering (the person would see "Something went wrong").
            _error($"render batch {batchId} shows the error boundary at {Location}");
        }

        foreach (var element in batch.Elements)
        {
            if (element["data-theme"] is { } theme && element.Handler("onclick") is > 0 and var handler)
            {
                _themeChips[theme] = handler;
            }
        }

        // Acknowledge as the browser does once it has applied the batch; the server holds back further batches
        // (MaxBufferedUnacknowledgedRenderBatches) until it hears back.
        await _hub.SendAsync("OnRenderCompleted", batchId, null);

        lock (_waiters)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Done(batch))
                {
                    _waiters[i].Signal.TrySetResult(batch);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private async Task OnBeginInvokeJSAsync(long asyncHandle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        JsonNode? result;
        try
        {
            result = Answer(identifier, argsJson, resultType);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            _error($"JS call {identifier} could not be answered: {ex.Message}");
            result = null;
        }

        if (asyncHandle != 0)
        {
            var json = new JsonArray(asyncHandle, true, result).ToJsonString();
            NoteMessageSize(json.Length);
            await _hub.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, json);
        }

        if (identifier == "Blazor._internal.navigationManager.navigateTo")
        {
            // The browser would push the history entry and tell the circuit where it now is.
            var args = JsonNode.Parse(argsJson)!.AsArray();
            var target = new Uri(_baseUri, args[0]!.GetValue<string>()).ToString();
            var state = args.Count > 1 ? args[1]?["historyEntryState"]?.GetValue<string>() : null;
            Location = target;
            await _hub.SendAsync("OnLocationChanged", target, state, false);
        }
    }

    /// <summary>A plausible browser answer for the interop calls the app, the framework and MudBlazor make.</summary>
    private JsonNode? Answer(string identifier, string argsJson, int resultType)
    {
        switch (identifier)
        {
            case "Blazor._internal.attachWebRendererInterop":
                // [rendererId, {"__dotNetObject": id}, …]: the object that DispatchEventAsync is invoked on.
                var reference = JsonNode.Parse(argsJson)!.AsArray()[1]!["__dotNetObject"]!.GetValue<long>();
                Interlocked.Exchange(ref _rendererInterop, reference);
                return null;
            case "Blazor._internal.PageTitle.getAndRemoveExistingTitle":
                return "MetaAiTracker";
            case "trackerPrefs.get":
                return null;
            case "trackerPrefs.prefersDark":
                return false;
            case "Blazor._internal.navigationManager.scrollToElement":
                return false;
            // MudBlazor (9.x) asks the browser about sizes and features; answer as a 1280×900 desktop window would.
            case "window.hasOwnProperty":
                return true;
            case "mudpopoverHelper.countProviders":
                return 1;
            case "mudResizeListener.getBrowserWindowSize":
                return new JsonObject { ["width"] = 1280, ["height"] = 900 };
            case "mudElementRef.getBoundingClientRect":
                return Rect(0, 0, 200, 40);
            case "mudGetSvgBBox":
                return Rect(0, 0, 40, 16);
            case "mudObserveElementSize":
                return new JsonObject { ["width"] = 600, ["height"] = 300 };
            case "Blazor._internal.navigationManager.navigateTo":
            case "Blazor._internal.navigationManager.enableNavigationInterception":
            case "Blazor._internal.navigationManager.setHasLocationChangingListeners":
            case "Blazor._internal.domWrapper.focus":
            case "trackerPrefs.set":
                return null;
        }

        if (resultType == 1)
        {
            // A JS object reference (e.g. an imported module): hand out a fresh id.
            return new JsonObject { ["__jsObjectId"] = Interlocked.Increment(ref _nextJsObjectId) };
        }

        // 3 is JSCallResultType.JSVoidResult (InvokeVoidAsync): null is the right answer. The others expect a value.
        if (resultType != 3)
        {
            UnknownJsCalls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
        }

        return null;
    }

    private static JsonObject Rect(double x, double y, double width, double height) => new()
    {
        ["x"] = x, ["y"] = y, ["width"] = width, ["height"] = height, ["top"] = y, ["left"] = x, ["right"] = x + width,
        ["bottom"] = y + height, ["scrollX"] = 0, ["scrollY"] = 0, ["windowWidth"] = 1280, ["windowHeight"] = 900,
    };

    /// <summary>Registers interest in the next render batch that satisfies <paramref name="done"/>.</summary>
    public Task<RenderBatch> WaitForBatch(Func<RenderBatch, bool> done)
    {
        var signal = new TaskCompletionSource<RenderBatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((done, signal));
        }

        return signal.Task;
    }

    private void FailWaiters(Exception ex)
    {
        lock (_waiters)
        {
            foreach (var (_, signal) in _waiters)
            {
                signal.TrySetException(ex);
            }

            _waiters.Clear();
        }
    }

    /// <summary>Moves the circuit to <paramref name="path"/> as a client-side navigation does; returns the time until the batch that shows it.</summary>
    /// <remarks>
    /// With <paramref name="forgetThemeChips"/> the known chips are dropped first: a page rendered afresh inserts its
    /// chips again with new handler ids, while a re-render may replace ids in edits this client does not follow, and
    /// clicking a disposed handler id would be a client error (the server ends the circuit).
    /// </remarks>
    public async Task<TimeSpan> NavigateAsync(string path, bool forgetThemeChips, Func<RenderBatch, bool> arrived, TimeSpan timeout)
    {
        if (forgetThemeChips)
        {
            _themeChips.Clear();
        }

        var target = new Uri(_baseUri, path).ToString();
        var done = WaitForBatch(arrived);
        var watch = Stopwatch.StartNew();
        Location = target;
        await _hub.SendAsync("OnLocationChanged", target, null, false);
        await done.WaitAsync(timeout);
        return watch.Elapsed;
    }

    /// <summary>Clicks an element by its event handler id (as the browser's event delegator does); returns the time until the batch that shows the result.</summary>
    public async Task<TimeSpan> ClickAsync(ulong eventHandlerId, Func<RenderBatch, bool> arrived, TimeSpan timeout)
    {
        var renderer = Interlocked.Read(ref _rendererInterop);
        if (renderer < 0)
        {
            throw new InvalidOperationException("the server never attached the renderer's interop object");
        }

        var callId = Interlocked.Increment(ref _nextCallId).ToString(CultureInfo.InvariantCulture);
        var dispatched = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingDotNetCalls[callId] = dispatched;
        var args = new JsonArray(
            new JsonObject { ["eventHandlerId"] = eventHandlerId, ["eventName"] = "click", ["eventFieldInfo"] = null },
            new JsonObject
            {
                ["detail"] = 1, ["screenX"] = 0, ["screenY"] = 0, ["clientX"] = 0, ["clientY"] = 0, ["offsetX"] = 0, ["offsetY"] = 0,
                ["pageX"] = 0, ["pageY"] = 0, ["movementX"] = 0, ["movementY"] = 0, ["button"] = 0, ["buttons"] = 0,
                ["ctrlKey"] = false, ["shiftKey"] = false, ["altKey"] = false, ["metaKey"] = false, ["type"] = "click",
            }).ToJsonString();
        NoteMessageSize(args.Length);
        var done = WaitForBatch(arrived);
        var watch = Stopwatch.StartNew();
        await _hub.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", renderer, args);
        await done.WaitAsync(timeout);
        _pendingDotNetCalls.TryRemove(callId, out _);
        return watch.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        FailWaiters(new OperationCanceledException("circuit closed"));
        await _hub.DisposeAsync();
        if (_circuitId is not null)
        {
            // As a closing tab does (navigator.sendBeacon): tell the server the circuit is gone, so it does not keep it
            // among the disconnected circuits waiting for a reconnect.
            try
            {
                using var form = new MultipartFormDataContent { { new StringContent(_circuitId), "circuitId" } };
                using var response = await Beacon.PostAsync(new Uri(_baseUri, "_blazor/disconnect"), form);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                _error($"disconnect beacon failed: {ex.Message}");
            }
        }
    }

    private static string Short(string message) => message.Split('\n')[0];
}
