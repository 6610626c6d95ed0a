using BrandFlow.Awards.Services;
using BrandFlow.Policy.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BrandFlow.Awards.Workflow;

/// <summary>The services the workflow's activities take by constructor, besides the ports a host registers.</summary>
public static class AwardWorkflowServices
{
    /// <summary>
    /// Adds the mail composer-sender, the shared estimator and the real (China Standard Time) workflow clock. A host
    /// registers the ports (stores, directory, mail sender), <see cref="Access.SignedLinks"/>, <see cref="WorkflowLinks"/>,
    /// <see cref="PolicyCatalog"/>, <see cref="Calendar.IWorkingDayCalendarSource"/> and <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddAwardWorkflowServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWorkflowClock>(sp => new ChinaWorkflowClock(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ApplicationEstimator(sp.GetRequiredService<PolicyCatalog>()));
        services.TryAddSingleton<MailOut>();
        return services;
    }
}
