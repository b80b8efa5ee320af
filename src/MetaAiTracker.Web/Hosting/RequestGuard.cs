namespace MetaAiTracker.Web.Hosting;

/// <summary>
/// The outermost part of the pipeline, ahead of the host filtering the framework adds: the security headers for every
/// response (host filtering's own 400s included), redirects to this site kept relative, then a request without a Host
/// header refused with 400 and one warning. An HTTP/1.0 request may leave Host out, and every page then failed with a 500 (the framework cannot build
/// the page's address from an empty host).
/// </summary>
internal sealed class RequestGuardStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.Use((context, nextMiddleware) =>
        {
            context.Response.OnStarting(static state =>
            {
                RequestGuard.KeepRedirectRelative((HttpContext)state);
                return Task.CompletedTask;
            }, context);
            return nextMiddleware(context);
        });
        app.Use(async (context, nextMiddleware) =>
        {
            if (string.IsNullOrEmpty(context.Request.Host.Host))
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<RequestGuardStartupFilter>()
                    .LogWarning("Refused an {Protocol} request for {Path} without a Host header from {Client}",
                        context.Request.Protocol, context.Request.Path, RateLimiting.ClientKey(context.Connection.RemoteIpAddress));
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("A Host header is required.");
                return;
            }

            await nextMiddleware(context);
        });
        next(app);
    };
}

internal static class RequestGuard
{
    /// <summary>
    /// A redirect to this site is sent as a path: the framework builds some absolute from the request's Host (the
    /// cookie handler's sign-in redirect, a static page's navigation after signing in), and a forged Host would send
    /// the browser to another site. One place for every redirect, whichever part of the framework made it.
    /// </summary>
    public static void KeepRedirectRelative(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var location = context.Response.Headers.Location.ToString();
        if (location.Length > 0 && Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.Location = uri.PathAndQuery + uri.Fragment;
        }
    }

    /// <summary>
    /// First among the start-up filters, so that it wraps host filtering (which therefore never sees an empty Host).
    /// <c>AllowedHosts</c> itself comes from configuration (appsettings.json: the loopback names the README's run
    /// command uses; docs/deployment.md says how to set the real one).
    /// </summary>
    public static IServiceCollection AddTrackerRequestGuard(this IServiceCollection services)
    {
        services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, RequestGuardStartupFilter>());
        return services;
    }
}
