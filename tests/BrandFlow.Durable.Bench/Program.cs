using System.Globalization;
using BrandFlow.Durable.AzureStorage.Storage;
using BrandFlow.Durable.Bench;

// Benchmark of the durable runtime on Azurite. Run it through scripts/bench-durable.sh, which starts a private
// Azurite and passes its connection string in BRANDFLOW_BENCH_STORAGE. Argument: path of the results file; or
// `worker <hub>` to run one worker process (see WorkerProcess).
var connection = Environment.GetEnvironmentVariable("BRANDFLOW_BENCH_STORAGE");
if (string.IsNullOrEmpty(connection))
{
    Console.Error.WriteLine("BRANDFLOW_BENCH_STORAGE is not set; run scripts/bench-durable.sh.");
    return 2;
}

if (args is ["worker", var hub])
{
    return await WorkerProcess.RunAsync(connection, hub);
}

var resultsPath = args.Length > 0 ? args[0] : "results.md";
var started = DateTimeOffset.UtcNow;
Console.WriteLine("[bench] raw Azurite rates (3 s each)...");
var raw = await new RawAzuriteProbe(StorageClients.FromConnectionString(connection), TimeSpan.FromSeconds(3)).RunAsync();
var scenarios = new BenchScenarios(connection);

Console.WriteLine("[bench] 200 instances x chain of 10 activities...");
var chains = await scenarios.ChainsAsync(200, 10);
Console.WriteLine("[bench] one instance alone, chain of 20 activities...");
var singleChain = await scenarios.ChainsAsync(1, 20);
Console.WriteLine("[bench] one instance fanning out to 1,000 activities...");
var fanOut = await scenarios.FanOutAsync(1000);
Console.WriteLine("[bench] 1,000 external events into waiting instances...");
var (events, memory) = await scenarios.EventsAsync(1000);
Console.WriteLine("[bench] idle worker for 60 s...");
var (idlePerMinute, idle) = await scenarios.IdleAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));

var report = new BenchReport(started, DateTimeOffset.UtcNow - started, raw, chains, singleChain, fanOut, events, memory, idlePerMinute, idle);
var table = report.Render();
Console.WriteLine();
Console.WriteLine(table);
await File.WriteAllTextAsync(resultsPath, table);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench] written to {resultsPath}"));
return 0;
