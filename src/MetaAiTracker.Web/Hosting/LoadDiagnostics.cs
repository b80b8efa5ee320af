using System.Diagnostics;
using System.Net;
using System.Runtime;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace MetaAiTracker.Web.Hosting;

/// <summary>
/// <c>Tracker:Diagnostics:Enabled</c> (off by default): <c>GET /_diagnostics/memory</c> forces a full, compacting
/// garbage collection and answers the managed heap, the GC's own figures, the working set and the number of open
/// Blazor circuits. It exists for the load tool (docs/performance.md) and answers only requests from this machine's
/// loopback; docs/security.md says why it stays off in production.
/// </summary>
public static class LoadDiagnostics
{
    public const string Section = "Tracker:Diagnostics";
    public const string MemoryPath = "/_diagnostics/memory";

    /// <summary>Counts the circuits; cheap (one interlocked counter), so it is always registered.</summary>
    public static IServiceCollection AddTrackerCircuitCounter(this IServiceCollection services)
    {
        services.AddSingleton<CircuitCounter>();
        services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());
        return services;
    }

    public static WebApplication MapTrackerLoadDiagnostics(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>($"{Section}:Enabled"))
        {
            return app;
        }

        app.MapGet(MemoryPath, (HttpContext context, CircuitCounter circuits) =>
        {
            if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
            {
                return Results.NotFound();
            }

            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            using var process = Process.GetCurrentProcess();
            return Results.Ok(new MemoryReport(
                GC.GetTotalMemory(forceFullCollection: false),
                info.HeapSizeBytes,
                info.FragmentedBytes,
                info.TotalCommittedBytes,
                process.WorkingSet64,
                circuits.Open,
                circuits.Connected,
                GCSettings.IsServerGC));
        }).ExcludeFromDescription();
        return app;
    }
}

/// <summary>What <c>/_diagnostics/memory</c> answers (bytes).</summary>
public sealed record MemoryReport(long HeapBytes, long GcHeapSizeBytes, long GcFragmentedBytes, long GcCommittedBytes,
    long WorkingSetBytes, int CircuitsOpen, int CircuitsConnected, bool ServerGc);

/// <summary>Open circuits (created, not yet closed) and of those, the ones with a live connection.</summary>
public sealed class CircuitCounter : CircuitHandler
{
    private int _open;
    private int _connected;

    public int Open => Volatile.Read(ref _open);

    public int Connected => Volatile.Read(ref _connected);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connected);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _connected);
        return Task.CompletedTask;
    }
}
