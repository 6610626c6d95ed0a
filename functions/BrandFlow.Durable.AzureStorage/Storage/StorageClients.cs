using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace BrandFlow.Durable.AzureStorage.Storage;

/// <summary>The three storage service clients of one account, sharing one transaction counter.</summary>
public sealed class StorageClients
{
    private StorageClients(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs, StorageTransactionCounter counter)
    {
        this.Tables = tables;
        this.Queues = queues;
        this.Blobs = blobs;
        this.Counter = counter;
    }

    /// <summary>Table service client.</summary>
    public TableServiceClient Tables { get; }

    /// <summary>Queue service client; messages are Base64-encoded so Azure Functions queue triggers can read them.</summary>
    public QueueServiceClient Queues { get; }

    /// <summary>Blob service client.</summary>
    public BlobServiceClient Blobs { get; }

    /// <summary>Counts every request these clients send.</summary>
    public StorageTransactionCounter Counter { get; }

    /// <summary>Creates clients from a storage connection string (Azure or Azurite), each with a counting policy.</summary>
    public static StorageClients FromConnectionString(string connectionString, StorageTransactionCounter? counter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        counter ??= new StorageTransactionCounter();

        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(new TransactionCountingPolicy(counter, StorageService.Table), HttpPipelinePosition.PerRetry);

        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(new TransactionCountingPolicy(counter, StorageService.Queue), HttpPipelinePosition.PerRetry);

        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(new TransactionCountingPolicy(counter, StorageService.Blob), HttpPipelinePosition.PerRetry);

        return new StorageClients(
            new TableServiceClient(connectionString, tableOptions),
            new QueueServiceClient(connectionString, queueOptions),
            new BlobServiceClient(connectionString, blobOptions),
            counter);
    }
}
