using System.Collections.Concurrent;
using BrandFlow.Durable.Backend;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrandFlow.Durable.Worker;

/// <summary>
/// A local polling host (like Microsoft.DurableTask.Worker's DurableTaskWorker): one loop per work kind, bounded
/// concurrency, exponential idle back-off, and graceful shutdown. It only feeds work items to the dispatchers, which
/// a queue-triggered host can call directly instead.
/// </summary>
public sealed class DurableTaskWorker : IAsyncDisposable
{
    private readonly IOrchestrationService service;
    private readonly DurableTaskWorkerOptions options;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<Task, byte> inFlight = new();
    private readonly CancellationTokenSource stopPolling = new();
    private readonly CancellationTokenSource abortWork = new();
    private Task? loops;
    private long emptyPolls;

    /// <summary>Creates a worker over a backend and a registry.</summary>
    public DurableTaskWorker(IOrchestrationService service, DurableTaskRegistry registry, DurableTaskWorkerOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        this.service = service;
        this.options = options ?? new DurableTaskWorkerOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        logger = loggerFactory.CreateLogger<DurableTaskWorker>();
        OrchestrationDispatcher = new OrchestrationDispatcher(service, registry, this.options, loggerFactory);
        ActivityDispatcher = new ActivityDispatcher(service, registry, this.options, loggerFactory);
    }

    /// <summary>The orchestration dispatcher this worker feeds.</summary>
    public OrchestrationDispatcher OrchestrationDispatcher { get; }

    /// <summary>The activity dispatcher this worker feeds.</summary>
    public ActivityDispatcher ActivityDispatcher { get; }

    /// <summary>Number of empty polls so far (both kinds); idle cost is this times one backend lock call.</summary>
    public long EmptyPollCount => Interlocked.Read(ref emptyPolls);

    /// <summary>Starts polling.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (loops is not null)
        {
            throw new InvalidOperationException("The worker is already started.");
        }

        Log.WorkerStarted(logger, options.MaxConcurrentOrchestrations, options.MaxConcurrentActivities);
        loops = Task.WhenAll(
            Task.Run(() => PollAsync("orchestration", service.LockNextOrchestrationWorkItemAsync, OrchestrationDispatcher.ProcessOrchestrationWorkItemAsync, options.MaxConcurrentOrchestrations), CancellationToken.None),
            Task.Run(() => PollAsync("activity", service.LockNextActivityWorkItemAsync, ActivityDispatcher.ProcessActivityWorkItemAsync, options.MaxConcurrentActivities), CancellationToken.None));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops polling, lets in-flight work finish within the grace period, then cancels what is left; cancelled work
    /// is abandoned so its messages become visible again. Last, a backend that implements
    /// <see cref="IOrchestrationServiceLifecycle"/> releases what it prefetched.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (loops is null || stopPolling.IsCancellationRequested)
        {
            return;
        }

        Log.WorkerStopping(logger, options.ShutdownGracePeriod);
        await stopPolling.CancelAsync();
        // The loops were started by this worker; awaiting them here cannot deadlock.
#pragma warning disable VSTHRD003
        await loops;
#pragma warning restore VSTHRD003
        Task drained = Task.WhenAll(inFlight.Keys);
        Task graceOver = Task.Delay(options.ShutdownGracePeriod, options.PollingTimeProvider, cancellationToken);
        if (await Task.WhenAny(drained, graceOver) != drained)
        {
            await abortWork.CancelAsync();
        }

        await Task.WhenAll(inFlight.Keys).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (service is IOrchestrationServiceLifecycle lifecycle)
        {
            try
            {
                await lifecycle.OnWorkerStoppedAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.StopHookFailed(logger, ex);
            }
        }

        Log.WorkerStopped(logger);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stopPolling.Dispose();
        abortWork.Dispose();
    }

    private async Task PollAsync<T>(string kind, Func<CancellationToken, Task<T?>> lockNext, Func<T, CancellationToken, Task> process, int concurrency)
        where T : class
    {
        // Not disposed: in-flight work may still release it after the loop ends (SemaphoreSlim holds no handle here).
        var slots = new SemaphoreSlim(Math.Max(1, concurrency));
        TimeSpan idleDelay = options.MinPollingInterval;
        CancellationToken stopping = stopPolling.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stopping);
                T? item;
                try
                {
                    item = await lockNext(stopping);
                }
                catch
                {
                    slots.Release();
                    throw;
                }

                if (item is null)
                {
                    slots.Release();
                    Interlocked.Increment(ref emptyPolls);
                    await Task.Delay(idleDelay, options.PollingTimeProvider, stopping);
                    idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, options.MaxPollingInterval.Ticks));
                    continue;
                }

                idleDelay = options.MinPollingInterval;
                Task work = RunAsync(kind, item, process, slots);
                inFlight.TryAdd(work, 0);
                _ = work.ContinueWith(t => inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Log.PollFailed(logger, kind, ex);
                await Task.Delay(idleDelay, options.PollingTimeProvider, CancellationToken.None);
            }
        }
    }

    private async Task RunAsync<T>(string kind, T item, Func<T, CancellationToken, Task> process, SemaphoreSlim slots)
    {
        try
        {
            await Task.Yield();
            await process(item, abortWork.Token);
        }
        catch (InjectedFaultException ex)
        {
            Log.InjectedFault(logger, kind, ex.Message);
        }
        catch (Exception ex)
        {
            // The dispatcher already abandoned the work item and logged; keep the loop alive.
            Log.WorkItemEndedWithError(logger, kind, ex);
        }
        finally
        {
            slots.Release();
        }
    }
}
