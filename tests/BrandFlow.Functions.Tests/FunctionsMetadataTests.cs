using System.Reflection;
using System.Text.Json;
using BrandFlow.Awards.Workflow;
using BrandFlow.Functions.Maintenance;
using BrandFlow.Hosting.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace BrandFlow.Functions.Tests;

/// <summary>
/// The published app's functions.metadata (what the Functions host loads) against what the code defines: every
/// orchestrator and activity of the workflow, every API operation with its method and route, every timer; and the
/// reverse: nothing in the metadata the code does not define.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Lazy<IReadOnlyList<FunctionEntry>> Metadata = new(Read);

    [Fact]
    public void Orchestrators_EveryWorkflowOrchestratorHasItsFunctionAndNoOther()
    {
        var expected = AwardWorkflow.Tasks.Where(t => t.IsOrchestrator).Select(t => t.Name).Order(StringComparer.Ordinal);
        var actual = Metadata.Value.Where(f => f.Trigger == "orchestrationTrigger").Select(f => f.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Activities_EveryWorkflowActivityHasItsFunctionAndNoOther()
    {
        var expected = AwardWorkflow.Tasks.Where(t => !t.IsOrchestrator).Select(t => t.Name).Order(StringComparer.Ordinal);
        var actual = Metadata.Value.Where(f => f.Trigger == "activityTrigger").Select(f => f.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void WorkflowTasks_ListEveryOrchestratorAndActivityClassOfTheWorkflow()
    {
        var classes = typeof(AwardWorkflow).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && IsSubclassOfGeneric(t, typeof(TaskOrchestrator<,>)) || !t.IsAbstract && IsSubclassOfGeneric(t, typeof(TaskActivity<,>)))
            .Select(t => t.FullName!).Order(StringComparer.Ordinal);
        Assert.Equal(classes, AwardWorkflow.Tasks.Select(t => t.Type.FullName!).Order(StringComparer.Ordinal));
        Assert.All(AwardWorkflow.Tasks, t => Assert.Equal(t.IsOrchestrator, IsSubclassOfGeneric(t.Type, typeof(TaskOrchestrator<,>))));
    }

    [Fact]
    public void HttpFunctions_AreExactlyTheApiOperationsWithTheirMethodAndRoute()
    {
        var expected = ApiOperations.All.Select(o => $"{o.Name} {o.Method} {o.Route}").Order(StringComparer.Ordinal);
        var actual = Metadata.Value.Where(f => f.Trigger == "httpTrigger")
            .Select(f => $"{f.Name} {string.Join(",", f.Methods).ToUpperInvariant()} {f.Route}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
        Assert.Equal(ApiOperations.All.Count, ApiOperations.All.Select(o => o.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void HttpFunctions_AreAnonymousAndEachHasADurableClient()
    {
        Assert.All(Metadata.Value.Where(f => f.Trigger == "httpTrigger"), f =>
        {
            Assert.Equal("anonymous", f.AuthLevel, ignoreCase: true);
            Assert.Contains("durableClient", f.BindingTypes);
        });
    }

    [Fact]
    public void Timers_EveryTimerFunctionOfTheCodeIsListedWithItsSchedule()
    {
        var declared = typeof(MaintenanceFunctions).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Timer: m.GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Timer is not null)
            .Select(x => $"{x.Function!.Name} {x.Timer!.Schedule}").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(declared);
        var listed = Metadata.Value.Where(f => f.Trigger == "timerTrigger").Select(f => $"{f.Name} {f.Schedule}").Order(StringComparer.Ordinal);
        Assert.Equal(declared, listed);
    }

    [Fact]
    public void EveryEntryPoint_IsAMethodOfThePublishedAssembly()
    {
        var assembly = typeof(MaintenanceFunctions).Assembly;
        Assert.All(Metadata.Value, f =>
        {
            var dot = f.EntryPoint.LastIndexOf('.');
            var type = assembly.GetType(f.EntryPoint[..dot]);
            Assert.NotNull(type);
            Assert.NotNull(type!.GetMethod(f.EntryPoint[(dot + 1)..]));
        });
        Assert.Equal(Metadata.Value.Count, Metadata.Value.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Publish_CarriesNoLocalEngineNorPagesNorDevelopmentParts()
    {
        // The Durable extension runs the workflow here: the local engine (gRPC sidecar, InProcessTestHost), the pages
        // and the local host's development-only parts are not part of the Function App.
        foreach (var assembly in new[] { "BrandFlow.Engine.Local.dll", "Microsoft.DurableTask.InProcessTestHost.dll", "BrandFlow.Site.dll", "BrandFlow.App.dll" })
        {
            Assert.False(File.Exists(Path.Combine(Repository.FunctionsPublish, assembly)), $"{assembly} is in the Functions publish");
        }

        Assert.True(File.Exists(Path.Combine(Repository.FunctionsPublish, "BrandFlow.Hosting.dll")));
    }

    [Fact]
    public void Publish_HasTheHostSettingsTheCatalogAndNoHandWrittenFunctionJson()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.FunctionsPublish, "host.json")));
        var durable = host.RootElement.GetProperty("extensions").GetProperty("durableTask");
        Assert.Equal("%BrandFlow__TaskHub%", durable.GetProperty("hubName").GetString());
        Assert.Equal("AzureStorage", durable.GetProperty("storageProvider").GetProperty("type").GetString());
        Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
        Assert.True(File.Exists(Path.Combine(Repository.FunctionsPublish, "worker.config.json")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(Repository.FunctionsPublish, "policies"), "*.yaml", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(Repository.FunctionsPublish, "function.json", SearchOption.AllDirectories));
    }

    private static bool IsSubclassOfGeneric(Type type, Type generic)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == generic)
            {
                return true;
            }
        }

        return false;
    }

    private static IReadOnlyList<FunctionEntry> Read()
    {
        var path = Path.Combine(Repository.FunctionsPublish, "functions.metadata");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} does not exist: publish the Functions app first (scripts/test.sh does: dotnet publish functions/BrandFlow.Functions -c Release -o .build/functions)");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var entries = new List<FunctionEntry>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var bindings = function.GetProperty("bindings").EnumerateArray().ToList();
            var trigger = bindings.First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            entries.Add(new FunctionEntry(
                function.GetProperty("name").GetString()!,
                function.GetProperty("entryPoint").GetString()!,
                trigger.GetProperty("type").GetString()!,
                trigger.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!)] : [],
                trigger.TryGetProperty("route", out var route) ? route.GetString() : null,
                trigger.TryGetProperty("authLevel", out var auth) ? auth.GetString() : null,
                trigger.TryGetProperty("schedule", out var schedule) ? schedule.GetString() : null,
                [.. bindings.Select(b => b.GetProperty("type").GetString()!)]));
        }

        return entries;
    }

    private sealed record FunctionEntry(
        string Name, string EntryPoint, string Trigger, IReadOnlyList<string> Methods, string? Route, string? AuthLevel, string? Schedule, IReadOnlyList<string> BindingTypes);
}
