namespace BrandFlow.Durable.Core;

/// <summary>
/// Single-threaded synchronization context for orchestrator code: continuations are queued and run by the engine
/// between history events, so orchestrator code never runs concurrently with itself or with the engine.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> pending = new();
    private readonly Lock gate = new();

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (gate)
        {
            pending.Enqueue((d, state));
        }
    }

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state) => d(state);

    /// <inheritdoc />
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs queued continuations until none is left.</summary>
    public void RunPending()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) item;
            lock (gate)
            {
                if (!pending.TryDequeue(out item))
                {
                    return;
                }
            }

            item.Callback(item.State);
        }
    }
}
