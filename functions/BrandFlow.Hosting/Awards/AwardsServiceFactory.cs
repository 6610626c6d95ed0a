using BrandFlow.Awards.Access;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Services;
using BrandFlow.Policy.Catalog;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Hosting.Awards;

/// <summary>
/// Creates the award service over a durable client: once per process where the client is a singleton (the local host,
/// the web app), once per call where it comes with the call (an Azure Functions <c>[DurableClient]</c> binding). The
/// process-wide parts (ports, catalog, calendar, estimator) are shared.
/// </summary>
public sealed class AwardsServiceFactory(
    AwardsPorts ports,
    PolicyCatalog catalog,
    SignedLinks links,
    TimeProvider clock,
    AwardsServiceOptions options,
    StoredWorkingDayCalendar calendar,
    ApplicationEstimator estimator,
    ILogger<AwardsService> logger)
{
    /// <summary>The award service over <paramref name="client"/>.</summary>
    public AwardsService Create(DurableTaskClient client) =>
        new(ports, client, catalog, links, clock, options, logger, calendar, estimator);
}
