using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace MetaAiTracker.Web.Hosting;

/// <summary>
/// <c>Tracker:Blazor</c>: the circuit and SignalR hub limits, set explicitly rather than left to the framework's
/// defaults. docs/security.md gives the reason for each value against Microsoft's threat-mitigation guidance for
/// interactive server-side rendering.
/// </summary>
public sealed class BlazorLimitsOptions : IValidatableObject
{
    public const string Section = "Tracker:Blazor";

    /// <summary>Disconnected circuits kept in memory, waiting for their browser to reconnect.</summary>
    [Range(0, 10_000)]
    public int DisconnectedCircuitMaxRetained { get; set; } = 100;

    /// <summary>How long a disconnected circuit is kept before it is dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan DisconnectedCircuitRetentionPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a .NET → JavaScript call waits for the browser before it fails.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan JSInteropDefaultCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Render batches sent but not yet acknowledged by the browser before the circuit stops rendering.</summary>
    [Range(1, 100)]
    public int MaxBufferedUnacknowledgedRenderBatches { get; set; } = 10;

    /// <summary>Largest message (bytes) the hub accepts from a browser.</summary>
    [Range(1_024, 1_048_576)]
    public long MaximumReceiveMessageSize { get; set; } = 32 * 1024;

    /// <summary>Hub invocations one connection may have running at once.</summary>
    [Range(1, 16)]
    public int MaximumParallelInvocationsPerClient { get; set; } = 1;

    /// <summary>The server drops a connection it has heard nothing from for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan ClientTimeoutInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a new connection has to complete the SignalR handshake.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the server pings an idle connection.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Send exception details to the browser. Only ever for local development.</summary>
    public bool DetailedErrors { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // SignalR's guidance: the client timeout is at least double the keep-alive, or healthy idle clients are dropped.
        if (ClientTimeoutInterval < KeepAliveInterval * 2)
        {
            yield return new ValidationResult(
                $"ClientTimeoutInterval ({ClientTimeoutInterval}) must be at least twice KeepAliveInterval ({KeepAliveInterval}).",
                [nameof(ClientTimeoutInterval), nameof(KeepAliveInterval)]);
        }
    }

    public void ApplyTo(CircuitOptions circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        circuit.DisconnectedCircuitMaxRetained = DisconnectedCircuitMaxRetained;
        circuit.DisconnectedCircuitRetentionPeriod = DisconnectedCircuitRetentionPeriod;
        circuit.JSInteropDefaultCallTimeout = JSInteropDefaultCallTimeout;
        circuit.MaxBufferedUnacknowledgedRenderBatches = MaxBufferedUnacknowledgedRenderBatches;
        circuit.DetailedErrors = DetailedErrors;
    }

    public void ApplyTo(HubOptions hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        hub.MaximumReceiveMessageSize = MaximumReceiveMessageSize;
        hub.MaximumParallelInvocationsPerClient = MaximumParallelInvocationsPerClient;
        hub.ClientTimeoutInterval = ClientTimeoutInterval;
        hub.HandshakeTimeout = HandshakeTimeout;
        hub.KeepAliveInterval = KeepAliveInterval;
        hub.EnableDetailedErrors = DetailedErrors;
    }
}

public static class BlazorLimits
{
    /// <summary>
    /// Binds and validates <c>Tracker:Blazor</c> on start and applies it to <see cref="CircuitOptions"/> and to the
    /// global <see cref="HubOptions"/>, which the framework copies into the Blazor hub's own options before adding
    /// its protocol settings.
    /// </summary>
    public static IServiceCollection AddTrackerBlazorLimits(this IServiceCollection services)
    {
        services.AddOptions<BlazorLimitsOptions>().BindConfiguration(BlazorLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CircuitOptions>().Configure<IOptions<BlazorLimitsOptions>>((circuit, limits) => limits.Value.ApplyTo(circuit));
        services.AddOptions<HubOptions>().Configure<IOptions<BlazorLimitsOptions>>((hub, limits) => limits.Value.ApplyTo(hub));
        return services;
    }
}
