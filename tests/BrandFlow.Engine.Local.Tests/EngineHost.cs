using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>A started host running the local engine with the test tasks; disposing stops it. BRANDFLOW_TEST_ENGINE_LOG=1 logs at Information.</summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private EngineHost(IHost host) => this.Host = host;

    /// <summary>The host.</summary>
    public IHost Host { get; }

    /// <summary>The official client resolved from the host's container.</summary>
    public DurableTaskClient Client => this.Host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Starts a host on Azurite (or in memory when <paramref name="connectionString"/> is null).</summary>
    public static async Task<EngineHost> StartAsync(
        string? connectionString, string taskHub, Action<LocalEngineOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss.fff "; }).SetMinimumLevel(Environment.GetEnvironmentVariable("BRANDFLOW_TEST_ENGINE_LOG") == "1" ? LogLevel.Information : LogLevel.Warning);
        builder.Services.AddSingleton<Greeter>();
        builder.Services.AddSingleton<ExecutionLog>();
        services?.Invoke(builder.Services);
        builder.Services.AddLocalDurableEngine(
            options =>
            {
                options.StorageConnectionString = connectionString;
                options.TaskHubName = taskHub;
                options.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500);
                options.PartitionCount = 2;
                configure?.Invoke(options);
            },
            AddTestTasks);
        var host = builder.Build();
        await host.StartAsync();
        return new EngineHost(host);
    }

    /// <summary>Registers every test orchestrator and activity.</summary>
    public static void AddTestTasks(DurableTaskRegistry tasks)
    {
        tasks.AddOrchestrator<GreetingOrchestrator>();
        tasks.AddOrchestrator<TimerOrchestrator>();
        tasks.AddOrchestrator<ApprovalOrchestrator>();
        tasks.AddOrchestrator<ParentOrchestrator>();
        tasks.AddOrchestrator<CounterOrchestrator>();
        tasks.AddOrchestrator<SlowWorkOrchestrator>();
        tasks.AddActivity<SayHelloActivity>();
        tasks.AddActivity<SlowActivity>();
    }

    /// <summary>Waits for completion (with a timeout) and returns the final state with inputs and outputs.</summary>
    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, int seconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await this.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await this.Host.StopAsync(timeout.Token);
        this.Host.Dispose();
    }
}
