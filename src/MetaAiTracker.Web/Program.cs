using MetaAiTracker.Core;
using MetaAiTracker.Data;
using MetaAiTracker.Web;
using MetaAiTracker.Web.Cli;
using MetaAiTracker.Web.Hosting;
using Serilog;

// With a verb (dataset …, db …) the executable is an operator's command, not the site (docs/operations.md).
if (TrackerCommands.IsCommand(args))
{
    return await TrackerCommands.RunAsync(args);
}

// A console logger for start-up failures. The host builds its own logger from configuration and leaves this
// static one alone (preserveStaticLogger), so several hosts can run in one process (tests) without sharing state.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddSerilog((services, configuration) => configuration
        .ReadFrom.Configuration(builder.Configuration)
        .ReadFrom.Services(services), preserveStaticLogger: true);

    builder.Services.AddTrackerData(builder.Configuration, builder.Environment);
    builder.Services.AddTrackerServices();
    builder.Services.AddTrackerWeb(builder.Configuration);

    var app = builder.Build();
    await app.Services.GetRequiredService<TrackerStoreInitializer>().InitializeAsync(app.Services.OncePerDatabaseAsync);
    app.UseTrackerWeb();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "MetaAiTracker stopped on an unhandled exception");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Entry point; public so that tests can host the app with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
