using BrandFlow.Awards.AzureStorage;
using BrandFlow.Awards.Workflow;
using BrandFlow.Durable;

namespace BrandFlow.App.Awards;

/// <summary>The orchestrations and activities the worker runs, over the same ports and calendar as the service.</summary>
public sealed partial class AwardsRuntime
{
    private DurableTaskRegistry CreateRegistry(AwardsStorage storage)
    {
        var baseUri = serviceOptions.PublicBaseUrl.ToString();
        var environment = new AwardEnvironment
        {
            Catalog = catalog,
            Directory = this.Ports.Directory,
            Applications = this.Ports.Applications,
            Ledger = this.Ports.Ledger,
            Claims = storage.Claims,
            Audit = this.Ports.Audit,
            Tokens = this.Ports.Tokens,
            Evidence = this.Ports.Evidence,
            Documents = this.Ports.Documents,
            Mail = this.Ports.Mail,
            Calendar = this.Service.WorkingDaysAsync,
            Links = links,
            PublicBaseUri = new Uri(baseUri.EndsWith('/') ? baseUri : baseUri + "/"),
            Time = clock,
            LoggerFactory = loggerFactory,
        };
        return AwardWorkflow.Register(new DurableTaskRegistry(), environment);
    }
}
