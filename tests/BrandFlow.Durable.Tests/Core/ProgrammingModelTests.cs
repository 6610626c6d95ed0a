using BrandFlow.Durable.Client;
using BrandFlow.Durable.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Durable.Tests.Core;

public sealed class ProgrammingModelTests
{
    [Fact]
    public async Task CreateReplaySafeLogger_ThreeEpisodes_EachMessageLoggedOnce()
    {
        var logs = new CapturingLoggerFactory();
        var host = new TestHost(loggerFactory: logs);
        host.Registry.AddActivityFunc<int, int>("Work", (_, x) => Task.FromResult(x));
        host.Registry.AddOrchestratorFunc<int, int>("Logged", async (ctx, x) =>
        {
            ILogger logger = ctx.CreateReplaySafeLogger<ProgrammingModelTests>();
            logger.LogInformation("step one");
            await ctx.CallActivityAsync<int>("Work", x);
            logger.LogInformation("step two");
            await ctx.CallActivityAsync<int>("Work", x);
            logger.LogInformation("step three");
            return x;
        });

        await host.RunAsync("Logged", 1);

        string[] messages = logs.Entries.Where(e => e.Category == typeof(ProgrammingModelTests).FullName).Select(e => e.Message).ToArray();
        Assert.Equal(["step one", "step two", "step three"], messages);
    }

    [Fact]
    public async Task RunAsync_TaskOrchestratorSubclass_SeesInputNameAndInstanceId()
    {
        var host = new TestHost();
        host.Registry.AddOrchestrator<Describe>();

        OrchestrationMetadata result = await host.RunAsync(nameof(Describe), new Payload("firm-1", 3), "describe-1");

        Assert.Equal("Describe/describe-1/firm-1/3", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RunAsync_TaskActivitySubclass_ContextExposesNameInstanceAndKey()
    {
        var host = new TestHost();
        host.Registry.AddActivity<WhoAmI>();
        host.Registry.AddOrchestratorFunc<int, string>("Ask", (ctx, _) => ctx.CallActivityAsync<string>(nameof(WhoAmI), "x"));

        OrchestrationMetadata result = await host.RunAsync("Ask", 0, "ask-1");

        string[] parts = result.ReadOutputAs<string>()!.Split('/');
        Assert.Equal(nameof(WhoAmI), parts[0]);
        Assert.Equal("ask-1", parts[1]);
        Assert.StartsWith("ask-1|", parts[2], StringComparison.Ordinal);
        Assert.EndsWith("|0", parts[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallActivityAsync_ConvenienceOverloads_ForwardToCore()
    {
        var host = new TestHost();
        int sideEffects = 0;
        host.Registry.AddActivityFunc<object?, int>("NoInput", (_, _) => Task.FromResult(++sideEffects));
        host.Registry.AddOrchestratorFunc<object?, int>("Child", (_, _) => Task.FromResult(7));
        host.Registry.AddOrchestrator(new TaskName("Overloads", "3"), () => new OverloadsOrchestrator());
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync(new TaskName("Overloads"), new StartOrchestrationOptions("ov"));
        await host.DrainAsync();

        await host.Client.RaiseEventAsync(id, "late", 5);
        await host.AdvanceAsync(TimeSpan.FromMinutes(1));

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, CancellationToken.None))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        OrchestrationMetadata full = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal("v3|2|7|5", full.ReadOutputAs<string>());
        Assert.Equal(3, sideEffects);
    }

    [Fact]
    public void AddOrchestrator_SameNameTwice_Throws()
    {
        var registry = new DurableTaskRegistry();
        registry.AddOrchestrator<Describe>();

        Assert.Throws<ArgumentException>(() => registry.AddOrchestrator<Describe>());
    }

    [Fact]
    public void TaskName_FromString_HasEmptyVersion()
    {
        TaskName name = "Award";

        Assert.Equal("Award", name.Name);
        Assert.Equal(string.Empty, name.Version);
        Assert.Equal("Award:3", new TaskName("Award", "3").ToString());
    }

    [Fact]
    public void JsonDataConverter_RoundTrip_UsesCamelCase()
    {
        var converter = new JsonDataConverter();

        string? json = converter.Serialize(new Payload("f", 2));

        Assert.Equal("{\"firm\":\"f\",\"count\":2}", json);
        Assert.Equal(new Payload("f", 2), converter.Deserialize<Payload>(json));
        Assert.Null(converter.Serialize(null));
        Assert.Null(converter.Deserialize<Payload>(null));
    }

    [Fact]
    public void FromException_NestedExceptions_CapturesChain()
    {
        var ex = new InvalidOperationException("outer", new ArgumentException("inner"));

        TaskFailureDetails details = TaskFailureDetails.FromException(ex);

        Assert.True(details.IsCausedBy<InvalidOperationException>());
        Assert.Equal("inner", details.InnerFailure!.ErrorMessage);
        Assert.Equal("System.InvalidOperationException: outer", details.ToString());
    }

    private sealed record Payload(string Firm, int Count);

    private sealed class Describe : TaskOrchestrator<Payload, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, Payload input) =>
            Task.FromResult($"{context.Name.Name}/{context.InstanceId}/{context.GetInput<Payload>()!.Firm}/{input.Count}");
    }

    private sealed class OverloadsOrchestrator : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
        {
            var options = new TaskOptions();
            await context.CallActivityAsync("NoInput", options);
            await context.CallActivityAsync("NoInput");
            int second = await context.CallActivityAsync<int>("NoInput", options);
            await context.CallSubOrchestratorAsync("Child", new SubOrchestrationOptions());
            int child = await context.CallSubOrchestratorAsync<int>("Child", options);
            await context.CreateTimer(TimeSpan.FromSeconds(30), CancellationToken.None);
            int late = await context.WaitForExternalEvent<int>("late", TimeSpan.FromDays(1), CancellationToken.None);
            return $"v{context.Version}|{second - 1}|{child}|{late}";
        }
    }

    private sealed class WhoAmI : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) =>
            Task.FromResult($"{context.Name.Name}/{context.InstanceId}/{context.IdempotencyKey}");
    }
}
