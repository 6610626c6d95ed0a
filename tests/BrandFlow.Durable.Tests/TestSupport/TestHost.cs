using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.InMemory;
using BrandFlow.Durable.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BrandFlow.Durable.Tests.TestSupport;

/// <summary>
/// In-memory backend, fake clock, dispatchers and client wired together. <see cref="DrainAsync"/> processes work
/// deterministically: every ready orchestration work item, then every ready activity, until nothing is ready.
/// </summary>
internal sealed class TestHost
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public TestHost(IFaultInjectionHook? hook = null, InMemoryOrchestrationService? backend = null, FakeTimeProvider? clock = null, ILoggerFactory? loggerFactory = null)
    {
        Clock = clock ?? new FakeTimeProvider(Epoch);
        Backend = backend ?? new InMemoryOrchestrationService(Clock, hook) { LockTimeout = TimeSpan.FromMinutes(1) };
        Options = new DurableTaskWorkerOptions { TimeProvider = Clock, FaultInjectionHook = hook ?? NoFaultInjection.Instance };
        Client = new DurableTaskClient(Backend, new DurableTaskClientOptions { TimeProvider = Clock, PollingInterval = TimeSpan.FromMilliseconds(5) });
        Orchestrations = new OrchestrationDispatcher(Backend, Registry, Options, loggerFactory);
        Activities = new ActivityDispatcher(Backend, Registry, Options, loggerFactory);
    }

    /// <summary>Drains until done or until an injected fault "kills the process"; returns true if it crashed.</summary>
    public async Task<bool> DrainUntilCrashAsync()
    {
        try
        {
            await DrainAsync();
            return false;
        }
        catch (InjectedFaultException)
        {
            return true;
        }
    }

    public FakeTimeProvider Clock { get; }

    public InMemoryOrchestrationService Backend { get; }

    public DurableTaskRegistry Registry { get; } = new();

    public DurableTaskWorkerOptions Options { get; }

    public DurableTaskClient Client { get; }

    public OrchestrationDispatcher Orchestrations { get; }

    public ActivityDispatcher Activities { get; }

    /// <summary>Processes ready work until none is left; returns the number of work items processed.</summary>
    public async Task<int> DrainAsync(int maxWorkItems = 100_000)
    {
        int processed = 0;
        bool progress = true;
        while (progress && processed < maxWorkItems)
        {
            progress = false;
            while (await Backend.LockNextOrchestrationWorkItemAsync(CancellationToken.None) is { } orchestration)
            {
                await Orchestrations.ProcessOrchestrationWorkItemAsync(orchestration);
                processed++;
                progress = true;
            }

            while (await Backend.LockNextActivityWorkItemAsync(CancellationToken.None) is { } activity)
            {
                await Activities.ProcessActivityWorkItemAsync(activity);
                processed++;
                progress = true;
            }
        }

        return processed;
    }

    /// <summary>Advances the fake clock and drains.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await DrainAsync();
    }

    /// <summary>Schedules an instance, drains, and returns its metadata with inputs and outputs.</summary>
    public async Task<OrchestrationMetadata> RunAsync(TaskName name, object? input = null, string? instanceId = null)
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId));
        await DrainAsync();
        return (await Client.GetInstanceAsync(id, getInputsAndOutputs: true))!;
    }
}
