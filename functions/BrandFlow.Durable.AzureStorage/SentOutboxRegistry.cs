namespace BrandFlow.Durable.AzureStorage;

/// <summary>
/// Outbox rows this process has sent but not yet deleted. The instance's next commit deletes them in its own
/// batch (no extra transaction); rows still here after a short delay are deleted on their own.
/// </summary>
internal sealed class SentOutboxRegistry
{
    private readonly Dictionary<string, List<(string RowKey, DateTimeOffset SentAt)>> rows = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public void Add(string instanceId, string rowKey, DateTimeOffset sentAt)
    {
        lock (this.gate)
        {
            if (!this.rows.TryGetValue(instanceId, out var list))
            {
                this.rows[instanceId] = list = [];
            }

            list.Add((rowKey, sentAt));
        }
    }

    /// <summary>Takes the rows of an instance sent after <paramref name="notBefore"/> (older ones may already be swept).</summary>
    public List<(string RowKey, DateTimeOffset SentAt)> TakeForCommit(string instanceId, DateTimeOffset notBefore)
    {
        lock (this.gate)
        {
            if (!this.rows.TryGetValue(instanceId, out var list))
            {
                return [];
            }

            var taken = list.Where(r => r.SentAt >= notBefore).ToList();
            list.RemoveAll(r => r.SentAt >= notBefore);
            if (list.Count == 0)
            {
                this.rows.Remove(instanceId);
            }

            return taken;
        }
    }

    /// <summary>Puts back rows a failed commit had taken.</summary>
    public void Return(string instanceId, IEnumerable<(string RowKey, DateTimeOffset SentAt)> taken)
    {
        foreach (var (rowKey, sentAt) in taken)
        {
            this.Add(instanceId, rowKey, sentAt);
        }
    }

    /// <summary>Takes every row sent before <paramref name="sentBefore"/>.</summary>
    public List<(string InstanceId, string RowKey)> TakeExpired(DateTimeOffset sentBefore)
    {
        lock (this.gate)
        {
            var expired = new List<(string, string)>();
            foreach (var (instanceId, list) in this.rows.ToList())
            {
                expired.AddRange(list.Where(r => r.SentAt < sentBefore).Select(r => (instanceId, r.RowKey)));
                list.RemoveAll(r => r.SentAt < sentBefore);
                if (list.Count == 0)
                {
                    this.rows.Remove(instanceId);
                }
            }

            return expired;
        }
    }
}
