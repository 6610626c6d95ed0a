namespace BrandFlow.Awards.Bench;

/// <summary>Which Azure Storage service a request went to.</summary>
internal enum StorageService
{
    /// <summary>Table service.</summary>
    Table,

    /// <summary>Queue service.</summary>
    Queue,

    /// <summary>Blob service.</summary>
    Blob,
}

/// <summary>Counts storage requests (billable transactions) per service, including retries.</summary>
internal sealed class StorageTransactionCounter
{
    private long tables;
    private long queues;
    private long blobs;

    /// <summary>Records one request to the given service.</summary>
    public void Increment(StorageService service)
    {
        switch (service)
        {
            case StorageService.Table:
                Interlocked.Increment(ref this.tables);
                break;
            case StorageService.Queue:
                Interlocked.Increment(ref this.queues);
                break;
            default:
                Interlocked.Increment(ref this.blobs);
                break;
        }
    }

    /// <summary>Takes a snapshot of the current counts.</summary>
    public StorageTransactionSnapshot Snapshot() =>
        new(Interlocked.Read(ref this.tables), Interlocked.Read(ref this.queues), Interlocked.Read(ref this.blobs));
}

/// <summary>Counts of storage requests at one moment.</summary>
/// <param name="Tables">Table requests.</param>
/// <param name="Queues">Queue requests.</param>
/// <param name="Blobs">Blob requests.</param>
internal readonly record struct StorageTransactionSnapshot(long Tables, long Queues, long Blobs)
{
    /// <summary>All requests.</summary>
    public long Total => this.Tables + this.Queues + this.Blobs;

    /// <summary>Difference between two snapshots.</summary>
    public static StorageTransactionSnapshot operator -(StorageTransactionSnapshot later, StorageTransactionSnapshot earlier) =>
        new(later.Tables - earlier.Tables, later.Queues - earlier.Queues, later.Blobs - earlier.Blobs);
}
