using BrandFlow.Awards.AzureStorage;
using BrandFlow.Durable;

namespace BrandFlow.App.Awards;

/// <summary>The orchestrations and activities the worker runs.</summary>
public sealed partial class AwardsRuntime
{
    private DurableTaskRegistry CreateRegistry(AwardsStorage storage)
    {
        _ = storage;
        return new DurableTaskRegistry();
    }
}
