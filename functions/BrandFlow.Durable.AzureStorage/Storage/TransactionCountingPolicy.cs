using Azure.Core;
using Azure.Core.Pipeline;

namespace BrandFlow.Durable.AzureStorage.Storage;

/// <summary>Azure.Core pipeline policy that counts every request attempt sent to one storage service.</summary>
/// <remarks>Registered per retry, so a retried request counts again, as it does on the storage bill.</remarks>
public sealed class TransactionCountingPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageTransactionCounter counter;
    private readonly StorageService service;

    /// <summary>Creates a policy that records requests to <paramref name="service"/> in <paramref name="counter"/>.</summary>
    public TransactionCountingPolicy(StorageTransactionCounter counter, StorageService service)
    {
        ArgumentNullException.ThrowIfNull(counter);
        this.counter = counter;
        this.service = service;
    }

    /// <inheritdoc/>
    public override void OnSendingRequest(HttpMessage message) => this.counter.Increment(this.service);
}
