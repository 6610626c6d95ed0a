using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Engine.Local;

/// <summary>
/// Keeps the queue message of each running activity invisible: the sidecar never renews activity locks, so without this
/// an activity running longer than the work-item visibility timeout would be delivered a second time.
/// </summary>
internal sealed class ActivityLockRenewer(IOrchestrationService inner, TimeSpan visibilityTimeout, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Renewal> renewals = new(StringComparer.Ordinal);
    private readonly TimeSpan interval = visibilityTimeout / 2 > MinimumInterval ? visibilityTimeout / 2 : MinimumInterval;

    /// <summary>Starts renewing the lock of a work item just fetched.</summary>
    public void Start(TaskActivityWorkItem workItem)
    {
        var cancellation = new CancellationTokenSource();
        var renewal = new Renewal(cancellation, this.RenewUntilCancelledAsync(workItem, cancellation.Token));
        if (!this.renewals.TryAdd(workItem.Id, renewal))
        {
            cancellation.Cancel();
            cancellation.Dispose();
        }
    }

    /// <summary>Stops renewing and waits until no renewal is in flight, so the caller can complete or abandon the message.</summary>
    public async Task StopAsync(TaskActivityWorkItem workItem)
    {
        if (!this.renewals.TryRemove(workItem.Id, out var renewal))
        {
            return;
        }

        await renewal.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Stops every renewal (host shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var id in this.renewals.Keys)
        {
            if (this.renewals.TryRemove(id, out var renewal))
            {
                await renewal.StopAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task RenewUntilCancelledAsync(TaskActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        var activity = (workItem.TaskMessage.Event as TaskScheduledEvent)?.Name ?? "?";
        while (true)
        {
            try
            {
                await Task.Delay(this.interval, cancellationToken).ConfigureAwait(false);
                var renewed = await inner.RenewTaskActivityWorkItemLockAsync(workItem).ConfigureAwait(false);
                Log.ActivityLockRenewed(logger, workItem.Id, activity, renewed.LockedUntilUtc);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A failed renewal is retried on the next tick; the worst case is the duplicate delivery it prevents.
                Log.ActivityLockRenewalFailed(logger, exception, workItem.Id, activity);
            }
        }
    }

    private sealed record Renewal(CancellationTokenSource Cancellation, Task Loop)
    {
        public async Task StopAsync()
        {
            await this.Cancellation.CancelAsync().ConfigureAwait(false);

            // The loop was started by this class and never blocks on the caller's context.
#pragma warning disable VSTHRD003
            await this.Loop.ConfigureAwait(false);
#pragma warning restore VSTHRD003
            this.Cancellation.Dispose();
        }
    }
}
