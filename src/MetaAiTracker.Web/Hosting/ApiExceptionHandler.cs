using MetaAiTracker.Web.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace MetaAiTracker.Web.Hosting;

/// <summary>
/// Turns an exception thrown while answering an API request into a ProblemDetails answer. Bad input never gets
/// here (every parameter is validated into a 400); what does is a bug or a failing store, so it is logged as an
/// error with the request's trace id and the client gets a 500 that names the trace id and nothing of the exception.
/// A request the client abandoned is not an error and is only logged at debug level.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!ApiPaths.IsApi(httpContext.Request.Path))
        {
            return false;
        }

        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            LogAborted(logger, httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.StatusCode = 499; // client closed request; nobody reads this answer
            return true;
        }

        if (exception is BadHttpRequestException bad)
        {
            // Raised by the framework itself for malformed requests (e.g. an unreadable body): the client's fault.
            httpContext.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = { Status = bad.StatusCode, Title = "The request could not be read." },
            });
        }

        LogFailure(logger, exception, httpContext.Request.Method, httpContext.Request.Path, httpContext.TraceIdentifier);
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = "The error has been logged. Quote the traceId when you report it.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception answering {Method} {Path} (trace {TraceId})")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method, PathString path, string traceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client abandoned {Method} {Path}")]
    private static partial void LogAborted(ILogger logger, string method, PathString path);
}
