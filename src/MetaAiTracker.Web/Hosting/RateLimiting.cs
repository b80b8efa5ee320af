using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using MetaAiTracker.Web.Api;
using MetaAiTracker.Web.Editing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MetaAiTracker.Web.Hosting;

/// <summary><c>Tracker:RateLimit</c>: how many API requests one client address may make per window.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Tracker:RateLimit";

    /// <summary>Requests allowed per client address in each window.</summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 120;

    /// <summary>Length of the fixed window, in seconds.</summary>
    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// A fixed-window limit per client address on <c>/api/…</c>, <c>/openapi/…</c> and <c>/feed.atom</c> (see
/// <see cref="ApiPaths.IsApi"/>), and another on posts of the sign-in form (<see cref="SignInLimits.AttemptsPerClient"/>
/// in <see cref="SignInLimits.LockoutMinutes"/>); other pages and the Blazor circuit are not limited here. A refused request gets
/// <c>429 Too Many Requests</c> with <c>Retry-After</c> (seconds) and a ProblemDetails body.
/// </summary>
public static class RateLimiting
{
    public static IServiceCollection AddTrackerRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (IsSignInPost(context.Request))
                {
                    var signIn = context.RequestServices.GetRequiredService<IOptions<SignInLimits>>().Value;
                    return RateLimitPartition.GetFixedWindowLimiter("sign-in " + ClientKey(context.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = signIn.AttemptsPerClient,
                        Window = TimeSpan.FromMinutes(signIn.LockoutMinutes),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
                }

                if (!ApiPaths.IsApi(context.Request.Path))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientKey(context.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>
    /// The partition key: the client's IPv4 address, or the /64 network of an IPv6 address (one host can pick any
    /// address in its /64, so a per-address limit would not hold it back). Behind a reverse proxy, configure
    /// forwarded headers first, or every client shares the proxy's address.
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && !IPAddress.IsLoopback(address))
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    /// <summary>A post of the sign-in form: limited per client (<see cref="SignInLimits.AttemptsPerClient"/>).</summary>
    public static bool IsSignInPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(WebSetup.SignInPath, StringComparison.OrdinalIgnoreCase);

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var signIn = IsSignInPost(http.Request);
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : signIn ? http.RequestServices.GetRequiredService<IOptions<SignInLimits>>().Value.LockoutMinutes * 60 : limits.WindowSeconds;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (signIn)
        {
            // A form post from a page, not an API call: a short text a browser shows as it is.
            var minutes = (int)Math.Ceiling(seconds / 60d);
            http.Response.ContentType = "text/plain; charset=utf-8";
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimiting))
                .LogWarning("Sign-in attempts from {Client} refused for {Seconds} s: the per-client limit is reached", ClientKey(http.Connection.RemoteIpAddress), seconds);
            await http.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"Too many sign-in attempts from this address. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}."), cancellationToken);
            return;
        }

        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = string.Create(CultureInfo.InvariantCulture,
                    $"This address may make {limits.PermitLimit} API requests every {limits.WindowSeconds} seconds. Try again in {seconds} seconds."),
            },
        });
    }
}
