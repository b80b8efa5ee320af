using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;

namespace MetaAiTracker.Benchmarks.Load;

/// <summary>
/// <c>load --client protocol</c>: opens the circuits with <see cref="BlazorCircuitClient"/> (no browser), browses with
/// all of them at once and reports latency per interaction kind, errors and the server's memory per circuit.
/// </summary>
internal static class ProtocolLoad
{
    private static readonly TimeSpan InteractionTimeout = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(LoadSettings settings)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        var errors = new ConcurrentQueue<string>();
        var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();

        // Warm-up: a few circuits go through every interaction, so that "before" already includes the code the
        // circuits run (JIT, MudBlazor, first queries) and the difference is what the circuits themselves hold.
        var warmErrors = new ConcurrentQueue<string>();
        for (var i = 0; i < 3; i++)
        {
            await using var warm = await BlazorCircuitClient.OpenAsync(http, settings.Uri, "/timeline", warmErrors.Enqueue, TimeSpan.FromSeconds(60));
            await new Browser(warm, -1 - i, settings.AttritionPath, new ThinkTime(200, 800)).BrowseAsync(DateTime.UtcNow.AddSeconds(30), 8, new ConcurrentDictionary<string, ConcurrentBag<double>>(), warmErrors);
        }

        foreach (var error in warmErrors.Take(5))
        {
            Console.WriteLine($"  warm-up error: {error}");
        }

        await Task.Delay(3000);
        var before = await SampleAsync(http, settings);
        Console.WriteLine($"server before (after {3} warm-up circuits, closed): {before}");

        var clock = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow.AddSeconds(Math.Min(600, 60 + settings.Circuits));
        var clients = new ConcurrentBag<BlazorCircuitClient>();
        var openLatency = new ConcurrentBag<double>();
        using (var gate = new SemaphoreSlim(settings.OpenConcurrency))
        {
            await Task.WhenAll(Enumerable.Range(0, settings.Circuits).Select(async n =>
            {
                await gate.WaitAsync();
                try
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        errors.Enqueue($"circuit {n}: not opened before the opening deadline");
                        return;
                    }

                    var watch = Stopwatch.StartNew();
                    clients.Add(await BlazorCircuitClient.OpenAsync(http, settings.Uri, settings.Page, e => errors.Enqueue($"circuit {n}: {e}"), InteractionTimeout * 2));
                    openLatency.Add(watch.Elapsed.TotalMilliseconds);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    errors.Enqueue($"circuit {n}: did not open: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        latencies["open-circuit"] = openLatency;
        var opened = clients.ToList();
        Console.WriteLine($"opened {opened.Count} of {settings.Circuits} circuits in {clock.Elapsed.TotalSeconds:F1} s");
        await Task.Delay(2000);
        var open = await SampleAsync(http, settings);
        Console.WriteLine($"server with {opened.Count} circuits open: {open}");

        var load = LoadAverage();
        var cpuBefore = ServerCpuSeconds(settings.Pid);
        var interactionsBefore = latencies.Where(kv => kv.Key != "open-circuit").Sum(kv => kv.Value.Count);
        deadline = DateTime.UtcNow.AddSeconds(settings.Seconds);
        var sampler = SampleLoadAverageAsync(deadline);
        await Task.WhenAll(opened.Select((c, n) => new Browser(c, n, settings.AttritionPath, settings.Think).BrowseAsync(deadline, settings.MaxInteractions, latencies, errors)));
        var loadDuring = await sampler;
        var cpuDuring = ServerCpuSeconds(settings.Pid) - cpuBefore;
        var interactions = latencies.Where(kv => kv.Key != "open-circuit").Sum(kv => kv.Value.Count) - interactionsBefore;
        var after = await SampleAsync(http, settings);
        Console.WriteLine($"server after browsing: {after}");

        foreach (var client in opened)
        {
            await client.DisposeAsync();
        }

        await Task.Delay(3000);
        var closed = await SampleAsync(http, settings);
        Console.WriteLine($"server after closing the circuits: {closed}");

        LoadCommand.Report(settings.Circuits, opened.Count, clock.Elapsed, latencies, errors, before.Process, open.Process, after.Process);
        if (before.Heap is { } h0 && open.Heap is { } h1 && after.Heap is { } h2 && opened.Count > 0)
        {
            Console.WriteLine($"server GC heap (after a forced full collection): before {h0.HeapBytes / 1048576.0:F1} MB, with circuits {h1.HeapBytes / 1048576.0:F1} MB, after browsing {h2.HeapBytes / 1048576.0:F1} MB, after closing {closed.Heap?.HeapBytes / 1048576.0:F1} MB");
            Console.WriteLine($"per circuit (GC heap): {(h1.HeapBytes - h0.HeapBytes) / 1024.0 / opened.Count:F0} KB on opening, {(h2.HeapBytes - h0.HeapBytes) / 1024.0 / opened.Count:F0} KB after browsing; circuits open per the server: {h1.CircuitsOpen} → {h2.CircuitsOpen} → {closed.Heap?.CircuitsOpen}");
        }

        Console.WriteLine($"load average: {load} before browsing; during browsing max {loadDuring.Max:F1}, mean {loadDuring.Mean:F1} (1-minute figure, whole machine)");
        if (cpuDuring > 0 && interactions > 0)
        {
            Console.WriteLine($"server CPU while browsing: {cpuDuring:F1} s over {settings.Seconds} s ({cpuDuring / settings.Seconds * 100:F0} % of one core), {cpuDuring * 1000 / interactions:F1} ms per interaction ({interactions} interactions, {interactions / (double)settings.Seconds:F1}/s)");
        }

        using (var self = Process.GetCurrentProcess())
        {
            Console.WriteLine($"load tool CPU for the whole run: {self.TotalProcessorTime.TotalSeconds:F1} s; largest message sent to the hub: {BlazorCircuitClient.LargestMessageSent / 1024.0:F1} KB");
        }

        Console.WriteLine($"render batches: {opened.Sum(c => c.BatchesReceived)} ({opened.Sum(c => c.BytesReceived) / 1048576.0:F1} MB)");
        foreach (var (identifier, count) in BlazorCircuitClient.UnknownJsCalls.OrderByDescending(kv => kv.Value))
        {
            Console.WriteLine($"  JS call expecting a value, answered with null (not emulated): {identifier} ×{count}");
        }

        return 0;
    }

    private static async Task<(ServerSample Process, MemoryReport? Heap)> SampleAsync(HttpClient http, LoadSettings settings)
    {
        MemoryReport? heap = null;
        try
        {
            using var response = await http.GetAsync(new Uri(settings.Uri, "/_diagnostics/memory"));
            if (response.IsSuccessStatusCode)
            {
                heap = await response.Content.ReadFromJsonAsync<MemoryReport>();
            }
        }
        catch (HttpRequestException)
        {
            // no diagnostics endpoint: working set only
        }

        return (await ServerProcess.SampleAsync(settings.Pid), heap);
    }

    /// <summary>User + system CPU time of the server process, from /proc/PID/stat (clock ticks of 1/100 s).</summary>
    private static double ServerCpuSeconds(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat"))
        {
            return 0;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after the closing one.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static async Task<(double Max, double Mean)> SampleLoadAverageAsync(DateTime until)
    {
        var samples = new List<double>();
        while (DateTime.UtcNow < until && File.Exists("/proc/loadavg"))
        {
            samples.Add(double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
            await Task.Delay(5000);
        }

        return samples.Count == 0 ? (0, 0) : (samples.Max(), samples.Average());
    }

    /// <summary>What <c>/_diagnostics/memory</c> answers (see MetaAiTracker.Web.Hosting.LoadDiagnostics).</summary>
    internal sealed record MemoryReport(long HeapBytes, long GcHeapSizeBytes, long GcFragmentedBytes, long GcCommittedBytes,
        long WorkingSetBytes, int CircuitsOpen, int CircuitsConnected, bool ServerGc)
    {
        public override string ToString() =>
            $"GC heap {HeapBytes / 1048576.0:F1} MB (committed {GcCommittedBytes / 1048576.0:F1} MB), working set {WorkingSetBytes / 1048576.0:F1} MB, circuits {CircuitsOpen} ({CircuitsConnected} connected), server GC {ServerGc}";
    }

    /// <summary>The browsing loop of one circuit: theme chip, a timeline page, the attrition page, back to the timeline.</summary>
    private sealed class Browser(BlazorCircuitClient client, int number, string attritionPath, ThinkTime think)
    {
        private readonly Random _random = new(number);

        public async Task BrowseAsync(DateTime deadline, int maxInteractions, ConcurrentDictionary<string, ConcurrentBag<double>> latencies, ConcurrentQueue<string> errors)
        {
            await Task.Delay(_random.Next(0, think.MaxMs + 1));
            for (var step = 0; step < maxInteractions && DateTime.UtcNow < deadline; step++)
            {
                var kind = (step % 4) switch { 0 => "theme-chip", 1 => "timeline-page", 2 => "attrition-page", _ => "timeline-back" };
                try
                {
                    var elapsed = kind switch
                    {
                        "theme-chip" => await ToggleThemeAsync(),
                        "timeline-page" => await client.NavigateAsync($"/timeline?page={2 + _random.Next(2)}&pageSize=10", forgetThemeChips: false, b => b.Contains("data-slug"), InteractionTimeout),
                        "attrition-page" => await client.NavigateAsync(attritionPath, forgetThemeChips: false, b => b.Contains("attrition-controls"), InteractionTimeout),
                        _ => await client.NavigateAsync("/timeline", forgetThemeChips: true, b => b.Contains("result-count"), InteractionTimeout),
                    };
                    latencies.GetOrAdd(kind, _ => []).Add(elapsed.TotalMilliseconds);
                }
                catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or OperationCanceledException)
                {
                    errors.Enqueue($"circuit {number}: {kind} failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                    if (ex is not TimeoutException)
                    {
                        return;
                    }
                }

                // A person reads for a moment between actions.
                await Task.Delay(_random.Next(think.MinMs, think.MaxMs + 1));
            }
        }

        private async Task<TimeSpan> ToggleThemeAsync()
        {
            var chips = client.ThemeChips.ToList();
            if (chips.Count == 0)
            {
                throw new InvalidOperationException("no theme chip (with a click handler) seen in the render batches");
            }

            var (_, handler) = chips[_random.Next(chips.Count)];
            var elapsed = await client.ClickAsync(handler, b => b.Contains("aria-pressed"), InteractionTimeout);
            return elapsed;
        }
    }
}
