using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using MetaAiTracker.Benchmarks.Load;
using Microsoft.Playwright;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// <c>load [--client protocol|browser] --circuits 50 --seconds 60 --url http://127.0.0.1:5080 [--pid SERVER_PID]</c>: opens many Blazor Server
/// circuits against a tracker running on this machine and browses with them, then reports the server's memory per
/// circuit, the interaction latency (p50/p95) and the errors.
/// </summary>
/// <remarks>
/// <c>--client protocol</c> (the default) speaks the Blazor hub protocol itself (<see cref="BlazorCircuitClient"/>,
/// run by <see cref="ProtocolLoad"/>); <c>--client browser</c>, described here, drives Chromium.
/// Each circuit is a real page in headless Chromium (Debian's, <c>/usr/bin/chromium</c> or CHROMIUM_PATH), driven by
/// Playwright: the genuine Blazor client, so the server does exactly the work a person's browser causes. The price is
/// the browser's own weight (a renderer process per page), so on this 2-core machine it runs tens of circuits, not
/// hundreds; docs/performance.md says what was run. Loopback only: any other address is refused. Bounded: it stops
/// after --seconds (default 60) or --max-interactions per circuit (default 200), whichever comes first.
/// An interaction is measured from the action (click or client-side navigation) until the DOM shows its result:
/// toggling a theme chip (until its aria-pressed flips), paging the timeline (until the first event changes), opening
/// the attrition page (until the heading changes) and coming back to the timeline. --seconds bounds the browsing; opening
/// the circuits is bounded separately (60 s + 3 s per circuit, at most 10 minutes).
/// </remarks>
internal static partial class LoadCommand
{
    [System.Text.RegularExpressions.GeneratedRegex(@"circuit -?\d+")]
    private static partial System.Text.RegularExpressions.Regex CircuitNumber();

    private static readonly TimeSpan InteractionTimeout = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(string[] args)
    {
        var circuits = Options.GetInt(args, "--circuits", 50);
        var seconds = Options.GetInt(args, "--seconds", 60);
        var maxInteractions = Options.GetInt(args, "--max-interactions", 200);
        var openConcurrency = Options.GetInt(args, "--open-concurrency", 4);
        var url = (Options.Get(args, "--url") ?? "http://127.0.0.1:5080").TrimEnd('/');
        var attritionPath = Options.Get(args, "--attrition-path") ?? "/attrition";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !IsLoopback(uri))
        {
            Console.Error.WriteLine($"load: refusing '{url}': only http(s) addresses on this machine's loopback (127.0.0.0/8, [::1], localhost) may be loaded");
            return 2;
        }

        if (circuits is < 1 or > 1000 || seconds is < 1 or > 600 || maxInteractions < 0)
        {
            Console.Error.WriteLine("load: --circuits 1..1000, --seconds 1..600, --max-interactions 0 or more");
            return 2;
        }

        var pid = Options.Get(args, "--pid") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : ServerProcess.FindListener(uri.Port);
        var client = Options.Get(args, "--client") ?? "protocol";
        Console.WriteLine($"load: {circuits} circuits ({client} client) for at most {seconds} s against {url}; server pid {pid?.ToString(CultureInfo.InvariantCulture) ?? "unknown (memory not measured)"}");
        switch (client)
        {
            case "protocol":
                return await ProtocolLoad.RunAsync(new LoadSettings(new Uri(url + "/"), circuits, seconds, maxInteractions,
                    Options.GetInt(args, "--open-concurrency", 16), attritionPath, Options.Get(args, "--page") ?? "/timeline", ThinkTime.Parse(Options.Get(args, "--think")), pid));
            case "browser":
                break;
            default:
                Console.Error.WriteLine("load: --client protocol (default) or browser");
                return 2;
        }

        using var http = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < 3; i++)
        {
            // Warm the server (JIT, first queries) so that "before" is a fair baseline.
            using var warm = await http.GetAsync(new Uri("/timeline", UriKind.Relative));
            warm.EnsureSuccessStatusCode();
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = ChromiumPath(),
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio", "--renderer-process-limit=8"],
        });

        var errors = new ConcurrentQueue<string>();
        var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var sessions = new List<Session>();

        // Warm-up: one circuit goes through every interaction once, so that "before" already includes the code the
        // circuits run (JIT, MudBlazor, first queries) and the difference is what the circuits themselves hold.
        await using (var warmup = await Session.OpenAsync(browser, url, -1, new ConcurrentQueue<string>()))
        {
            await warmup.BrowseAsync(DateTime.UtcNow.AddSeconds(60), 8, attritionPath, new ConcurrentDictionary<string, ConcurrentBag<double>>(), new ConcurrentQueue<string>());
        }

        await Task.Delay(3000);
        var before = await ServerProcess.SampleAsync(pid);
        Console.WriteLine($"server before (after a warm-up circuit): {before}");

        var clock = Stopwatch.StartNew();
        // Opening is bounded too: a few seconds per circuit, at most ten minutes.
        var deadline = DateTime.UtcNow.AddSeconds(Math.Min(600, 60 + (3 * circuits)));

        // Open the circuits a few at a time, as people arriving; each is ready when the layout's circuit-ready marker is in the DOM.
        using (var gate = new SemaphoreSlim(openConcurrency))
        {
            var opening = Enumerable.Range(0, circuits).Select(async n =>
            {
                await gate.WaitAsync();
                try
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        return;
                    }

                    var session = await Session.OpenAsync(browser, url, n, errors);
                    lock (sessions)
                    {
                        sessions.Add(session);
                    }
                }
                catch (Exception ex) when (ex is PlaywrightException or System.TimeoutException)
                {
                    errors.Enqueue($"circuit {n}: did not open: {First(ex.Message)}");
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            await Task.WhenAll(opening);
        }

        Console.WriteLine($"opened {sessions.Count} of {circuits} circuits in {clock.Elapsed.TotalSeconds:F1} s");
        await Task.Delay(2000);
        var open = await ServerProcess.SampleAsync(pid);
        Console.WriteLine($"server with {sessions.Count} circuits open: {open}");

        // Browse until the deadline or the interaction budget, every circuit at once.
        deadline = DateTime.UtcNow.AddSeconds(seconds);
        var browsing = sessions.Select(s => s.BrowseAsync(deadline, maxInteractions, attritionPath, latencies, errors)).ToList();
        await Task.WhenAll(browsing);
        var after = await ServerProcess.SampleAsync(pid);
        Console.WriteLine($"server after browsing: {after}");

        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }

        Report(circuits, sessions.Count, clock.Elapsed, latencies, errors, before, open, after);
        return 0;
    }

    internal static void Report(int asked, int opened, TimeSpan elapsed, ConcurrentDictionary<string, ConcurrentBag<double>> latencies,
        ConcurrentQueue<string> errors, ServerSample before, ServerSample open, ServerSample after)
    {
        var all = latencies.Values.SelectMany(v => v).Order().ToList();
        Console.WriteLine();
        Console.WriteLine("== load result");
        Console.WriteLine($"circuits: {opened} opened of {asked}; run {elapsed.TotalSeconds:F0} s; interactions: {all.Count}; errors: {errors.Count}");
        Console.WriteLine($"interaction latency (ms): p50 {Percentile(all, 50):F0}  p95 {Percentile(all, 95):F0}  max {(all.Count == 0 ? 0 : all[^1]):F0}");
        foreach (var (kind, values) in latencies.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var sorted = values.Order().ToList();
            Console.WriteLine($"  {kind,-16} n={sorted.Count,5}  p50 {Percentile(sorted, 50),6:F0}  p95 {Percentile(sorted, 95),6:F0}");
        }

        if (before.RssBytes > 0 && opened > 0)
        {
            Console.WriteLine($"server working set: before {before.RssBytes / 1048576.0:F1} MB, with circuits {open.RssBytes / 1048576.0:F1} MB, after browsing {after.RssBytes / 1048576.0:F1} MB");
            Console.WriteLine($"per circuit (working set): {(open.RssBytes - before.RssBytes) / 1024.0 / opened:F0} KB on opening, {(after.RssBytes - before.RssBytes) / 1024.0 / opened:F0} KB after browsing");
        }

        // By kind (the message without the circuit number), most frequent first, then the first few verbatim.
        foreach (var kind in errors.GroupBy(e => CircuitNumber().Replace(e, "circuit #")).OrderByDescending(g => g.Count()).Take(10))
        {
            Console.WriteLine($"  errors ×{kind.Count()}: {kind.Key}");
        }

        foreach (var error in errors.Take(5))
        {
            Console.WriteLine($"  error: {error}");
        }
    }

    internal static double Percentile(List<double> sorted, int percent) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    internal static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string First(string message) => message.Split('\n')[0];

    private static string ChromiumPath()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c))
               ?? throw new InvalidOperationException("Chromium not found: apt-get install chromium, or set CHROMIUM_PATH.");
    }

    /// <summary>One circuit: a browser context with one page on the timeline.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private readonly IBrowserContext _context;
        private readonly IPage _page;
        private readonly int _number;
        private readonly Random _random;

        private Session(IBrowserContext context, IPage page, int number)
        {
            _context = context;
            _page = page;
            _number = number;
            _random = new Random(number);
        }

        public static async Task<Session> OpenAsync(IBrowser browser, string url, int number, ConcurrentQueue<string> errors)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = url, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            context.SetDefaultTimeout((float)InteractionTimeout.TotalMilliseconds);
            var page = await context.NewPageAsync();
            page.PageError += (_, error) => errors.Enqueue($"circuit {number}: page error: {First(error)}");
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Enqueue($"circuit {number}: console error: {First(message.Text)}");
                }
            };
            await page.GotoAsync("/timeline", new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
            await page.Locator("[data-testid=circuit-ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            return new Session(context, page, number);
        }

        public async Task BrowseAsync(DateTime deadline, int maxInteractions, string attritionPath, ConcurrentDictionary<string, ConcurrentBag<double>> latencies, ConcurrentQueue<string> errors)
        {
            // Stagger the start so that the circuits do not act in lock step.
            await Task.Delay(_random.Next(0, 1000));
            var step = 0;
            for (var done = 0; done < maxInteractions && DateTime.UtcNow < deadline; done++, step++)
            {
                var (kind, action) = (step % 4) switch
                {
                    0 => ("theme-chip", (Func<Task>)ToggleThemeAsync),
                    1 => ("timeline-page", () => NextPageAsync(2 + _random.Next(5))),
                    2 => ("attrition-page", () => NavigateAsync(attritionPath, heading => heading != "Timeline")),
                    _ => ("timeline-back", () => NavigateAsync("/timeline", heading => heading == "Timeline")),
                };
                var watch = Stopwatch.StartNew();
                try
                {
                    await action();
                    latencies.GetOrAdd(kind, _ => []).Add(watch.Elapsed.TotalMilliseconds);
                }
                catch (Exception ex) when (ex is PlaywrightException or System.TimeoutException)
                {
                    errors.Enqueue($"circuit {_number}: {kind} failed after {watch.ElapsedMilliseconds} ms: {First(ex.Message)}");
                    // Start the cycle again from a fresh timeline rather than acting on a page in an unknown state.
                    step = -1;
                    try
                    {
                        await _page.GotoAsync("/timeline", new PageGotoOptions { Timeout = 60_000 });
                        await _page.Locator("[data-testid=circuit-ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
                    }
                    catch (Exception again) when (again is PlaywrightException or System.TimeoutException)
                    {
                        errors.Enqueue($"circuit {_number}: could not reload: {First(again.Message)}");
                        return;
                    }
                }

                // A person reads for a moment between actions.
                await Task.Delay(_random.Next(200, 800));
            }
        }

        private async Task ToggleThemeAsync()
        {
            var chips = _page.Locator("[data-testid=theme-facets] button[data-theme]");
            var count = await chips.CountAsync();
            if (count == 0)
            {
                throw new System.TimeoutException("no theme chips on the page");
            }

            var chip = chips.Nth(_random.Next(count));
            var theme = await chip.GetAttributeAsync("data-theme");
            var pressed = await chip.GetAttributeAsync("aria-pressed");
            await chip.ClickAsync();
            var expected = pressed == "true" ? "false" : "true";
            await _page.Locator($"[data-testid=theme-facets] button[data-theme='{theme}'][aria-pressed='{expected}']").WaitForAsync();
        }

        private async Task NextPageAsync(int page)
        {
            var first = await FirstSlugAsync();
            await _page.EvaluateAsync("u => Blazor.navigateTo(u)", $"/timeline?page={page.ToString(CultureInfo.InvariantCulture)}");
            await _page.WaitForFunctionAsync(
                "before => { const i = document.querySelector('[data-testid=timeline-item]'); return (i ? i.dataset.slug : '') !== before || !!document.querySelector('[data-testid=empty-state]'); }",
                first);
        }

        private async Task NavigateAsync(string path, Func<string, bool> arrived)
        {
            await _page.EvaluateAsync("u => Blazor.navigateTo(u)", path);
            var watch = Stopwatch.StartNew();
            while (true)
            {
                var heading = (await _page.Locator("h1").First.TextContentAsync())?.Trim() ?? string.Empty;
                if (arrived(heading) && (path != "/timeline" || await _page.Locator("[data-testid=result-count]").CountAsync() > 0))
                {
                    return;
                }

                if (watch.Elapsed > InteractionTimeout)
                {
                    throw new System.TimeoutException($"{path}: heading still '{heading}'");
                }

                await Task.Delay(10);
            }
        }

        private async Task<string> FirstSlugAsync() =>
            await _page.Locator("[data-testid=timeline-item]").CountAsync() > 0
                ? await _page.Locator("[data-testid=timeline-item]").First.GetAttributeAsync("data-slug") ?? string.Empty
                : string.Empty;

        public async ValueTask DisposeAsync() => await _context.DisposeAsync();
    }
}

/// <summary>What the server process uses, read from /proc (Linux): resident set (working set) and private dirty memory.</summary>
internal readonly record struct ServerSample(long RssBytes, long PrivateBytes)
{
    public override string ToString() => RssBytes == 0 ? "not measured" : $"working set {RssBytes / 1048576.0:F1} MB, private {PrivateBytes / 1048576.0:F1} MB";
}

internal static class ServerProcess
{
    public static async Task<ServerSample> SampleAsync(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/status"))
        {
            return default;
        }

        long rss = 0, privateBytes = 0;
        foreach (var line in await File.ReadAllLinesAsync($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                privateBytes = Kilobytes(line) * 1024;
            }
        }

        return new ServerSample(rss, privateBytes);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>The process listening on a local TCP port: the socket's inode from /proc/net/tcp*, then the process holding it.</summary>
    public static int? FindListener(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // local_address is HEXIP:HEXPORT; state 0A is LISTEN; inode is the 10th field.
                if (f.Length > 9 && f[3] == "0A" && int.Parse(f[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    inodes.Add($"socket:[{f[9]}]");
                }
            }
        }

        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target))
                    {
                        return candidate;
                    }
                }
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                // a process that went away or that we may not inspect
            }
        }

        return null;
    }
}
