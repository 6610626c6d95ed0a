using System.Diagnostics;
using System.Text.Json;
using BrandFlow.Engine.Bench;

// Benchmark of the local Durable Task engine (BrandFlow.Engine.Local) on Azurite. Run it through scripts/bench-durable.sh,
// which starts a private Azurite and passes its connection string in BRANDFLOW_BENCH_STORAGE.
var connection = Environment.GetEnvironmentVariable("BRANDFLOW_BENCH_STORAGE");
if (string.IsNullOrEmpty(connection))
{
    Console.Error.WriteLine("BRANDFLOW_BENCH_STORAGE is not set; run scripts/bench-durable.sh.");
    return 2;
}

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: [--results PATH] [--json PATH] [--profile name[:Key=Value,...]]... [--chains N] [--length N] [--fanout N] [--events N] [--idle-seconds S] [--raw-seconds S] [--scenarios chains,fanout,events,idle] [--no-probe]");
    return 2;
}

var started = DateTimeOffset.UtcNow;
var loadBefore = BenchReport.LoadAverage();
var total = Stopwatch.StartNew();
using var logs = new LogCapture();
var scenarios = new EngineScenarios(connection, logs);

Console.WriteLine("[bench] raw Azurite rates...");
var rawBefore = await RawRates.MeasureAsync(connection, options.Raw);
Console.WriteLine("[bench] client call costs (client-only host)...");
var clientCosts = await scenarios.ClientCostsAsync(200);

var runs = new List<ProfileRun>();
foreach (var profile in options.Profiles)
{
    var run = new ProfileRun(profile.Name, profile.Description);
    runs.Add(run);
    async Task Step(string scenario, string what, Func<Task> step)
    {
        if (!options.Scenarios.Contains(scenario))
        {
            return;
        }

        Console.WriteLine($"[bench] {profile.Name}: {what}...");
        try
        {
            await step();
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or OperationCanceledException or Grpc.Core.RpcException)
        {
            run.Errors.Add($"{what}: {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine($"[bench] {profile.Name}: {what} failed: {e.Message}");
        }
    }

    await Step("chains", $"{options.Chains} chains of {options.ChainLength}", async () => run.Chains = await scenarios.ChainsAsync(profile, options.Chains, options.ChainLength));
    await Step("fanout", $"fan-out {options.FanOut}", async () => run.FanOut = await scenarios.FanOutAsync(profile, options.FanOut));
    await Step("events", $"{options.Events} events", async () => (run.Events, run.Memory) = await scenarios.EventsAsync(profile, options.Events));
    await Step("idle", $"idle {options.Idle.TotalSeconds:0} s", async () => run.Idle = await scenarios.IdleAsync(profile, TimeSpan.FromSeconds(10), options.Idle));
    Console.WriteLine($"[bench] {profile.Name}: {BenchReport.Summary(run, clientCosts, options.Idle)}");
}

string? extendedSessions = null;
if (options.ProbeExtendedSessions)
{
    Console.WriteLine("[bench] probe: extended sessions through the sidecar...");
    extendedSessions = await scenarios.ProbeAsync(EngineProfile.Parse("extended:ExtendedSessionsEnabled=true"), 20, 5, TimeSpan.FromSeconds(60)) ?? "20 chains of 5 completed";
}

Console.WriteLine("[bench] raw Azurite rates after the run...");
var rawAfter = await RawRates.MeasureAsync(connection, options.Raw);
var result = new BenchResult(started, total.Elapsed, loadBefore, BenchReport.LoadAverage(), options.Chains, options.ChainLength, options.FanOut, options.Events,
    options.Idle, rawBefore, rawAfter, clientCosts, runs, extendedSessions, logs.Messages.ToDictionary());
var report = BenchReport.Render(result);
Console.WriteLine();
Console.WriteLine(report);
await File.WriteAllTextAsync(options.ResultsPath, report);
Console.WriteLine($"[bench] written to {options.ResultsPath}");
if (options.JsonPath is { } json)
{
    await File.WriteAllTextAsync(json, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"[bench] written to {json}");
}

return runs.All(r => r.Errors.Count == 0) ? 0 : 1;
