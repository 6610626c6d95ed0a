using BrandFlow.Awards.InMemory;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Workflow;
using BrandFlow.Functions.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace BrandFlow.Functions.Tests;

/// <summary>The orchestration and activity functions hand their trigger's context and input to the workflow's classes.</summary>
public sealed class WorkflowFunctionsTests
{
    [Fact]
    public async Task ActivityFunction_CreatesTheActivityFromTheInvocationServicesAndRunsIt()
    {
        var claims = new InMemoryClaimRegistry();
        await claims.ClaimAsync("hash-1", "91421223AY4CL12T07", "app-1");
        var context = Context(new ServiceCollection().AddSingleton<IClaimRegistry>(claims).BuildServiceProvider(), "app-1");

        var done = await ActivityFunctions.RunReleaseClaimsAsync(new ClaimRelease("app-1", ["hash-1"]), context);

        Assert.True(done);
        // Released: another application may now claim the same hash.
        var owner = await claims.ClaimAsync("hash-1", "91421223MA4B7C8D9X", "app-2");
        Assert.Equal("app-2", owner.ApplicationId);
    }

    [Fact]
    public void ActivityContext_CarriesTheActivityNameAndTheCallingInstance()
    {
        var context = FunctionActivityContext.For(AwardWorkflow.Activities.Deadlines, Context(new ServiceCollection().BuildServiceProvider(), "421223-2025-app-1"));

        Assert.Equal(AwardWorkflow.Activities.Deadlines, context.Name.Name);
        Assert.Equal("421223-2025-app-1", context.InstanceId);
    }

    [Fact]
    public async Task OrchestrationFunction_RunsTheOrchestratorClassOnTheStartedInput()
    {
        var context = Substitute.For<TaskOrchestrationContext>();
        context.GetInput<SettlementWatch>().Returns(new SettlementWatch("421223-2025-brand", "review", WindowClosed: true, Outstanding: null));
        context.CallActivityAsync<SettlementCount>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(Task.FromResult(new SettlementCount(3, [])));

        var total = await OrchestrationFunctions.RunCycleSettlementAsync(context);

        Assert.Equal(3, total);
        await context.Received(1).CallActivityAsync<SettlementCount>(
            new TaskName(AwardWorkflow.Activities.CountSettlement), Arg.Is<object?>(o => ((SettlementWatch)o!).CycleId == "421223-2025-brand"), Arg.Any<TaskOptions?>());
    }

    [Fact]
    public async Task OrchestrationFunction_WithoutInput_FailsNamingTheInstance()
    {
        var context = Substitute.For<TaskOrchestrationContext>();
        context.Name.Returns(new TaskName(WorkflowNames.Application));
        context.InstanceId.Returns("421223-2025-app-9");
        context.GetInput<BrandFlow.Awards.Model.ApplicationSubmission>().Returns((BrandFlow.Awards.Model.ApplicationSubmission?)null);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OrchestrationFunctions.RunApplicationAsync(context));

        Assert.Contains("421223-2025-app-9", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A function context whose trigger carries the calling orchestration's instance id.</summary>
    internal static FunctionContext Context(IServiceProvider services, string instanceId)
    {
        var binding = Substitute.For<BindingContext>();
        binding.BindingData.Returns(new Dictionary<string, object?> { ["instanceId"] = instanceId });
        var context = Substitute.For<FunctionContext>();
        context.InstanceServices.Returns(services);
        context.BindingContext.Returns(binding);
        return context;
    }
}
