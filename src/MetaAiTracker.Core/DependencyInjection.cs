using MetaAiTracker.Core.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MetaAiTracker.Core;

public static class DependencyInjection
{
    /// <summary>Registers the services that both the pages and the API call. Needs an <c>ITrackerDbContextFactory</c>.</summary>
    public static IServiceCollection AddTrackerServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TimelineCache>();
        services.AddSingleton<AttritionCache>();
        services.AddSingleton<TimelineProjection>();
        services.AddSingleton<TimelineService>();
        services.AddSingleton<AttritionService>();
        services.AddSingleton<FigureService>();
        services.AddSingleton<EventService>();
        services.AddSingleton<PeopleService>();
        services.AddSingleton<SourceService>();
        services.AddSingleton<OverviewService>();
        return services;
    }
}
