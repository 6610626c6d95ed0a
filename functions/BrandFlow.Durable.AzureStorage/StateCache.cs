using BrandFlow.Durable.AzureStorage.Storage;

namespace BrandFlow.Durable.AzureStorage;

/// <summary>
/// Bounded least-recently-used cache of instance snapshots, so a worker that processed an instance last can
/// skip reading its partition. A stale entry is harmless: its ETag makes the commit fail and the entry is evicted.
/// </summary>
internal sealed class StateCache
{
    private readonly int capacity;
    private readonly Dictionary<string, LinkedListNode<InstanceSnapshot>> map = new(StringComparer.Ordinal);
    private readonly LinkedList<InstanceSnapshot> order = new();
    private readonly Lock gate = new();

    public StateCache(int capacity)
    {
        this.capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (this.gate)
            {
                return this.map.Count;
            }
        }
    }

    public InstanceSnapshot? TryGet(string instanceId)
    {
        lock (this.gate)
        {
            if (!this.map.TryGetValue(instanceId, out var node))
            {
                return null;
            }

            this.order.Remove(node);
            this.order.AddFirst(node);
            return node.Value;
        }
    }

    public void Set(InstanceSnapshot snapshot)
    {
        if (this.capacity <= 0)
        {
            return;
        }

        lock (this.gate)
        {
            if (this.map.TryGetValue(snapshot.InstanceId, out var existing))
            {
                this.order.Remove(existing);
            }

            var node = this.order.AddFirst(snapshot);
            this.map[snapshot.InstanceId] = node;
            while (this.map.Count > this.capacity && this.order.Last is { } last)
            {
                this.order.RemoveLast();
                this.map.Remove(last.Value.InstanceId);
            }
        }
    }

    public void Remove(string instanceId)
    {
        lock (this.gate)
        {
            if (this.map.Remove(instanceId, out var node))
            {
                this.order.Remove(node);
            }
        }
    }
}
