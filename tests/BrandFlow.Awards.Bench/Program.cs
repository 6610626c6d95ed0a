using System.Diagnostics;
using System.Globalization;
using BrandFlow.Awards.Bench;

// Benchmark of the award workflow on Azurite. Run it through scripts/bench-awards.sh, which starts a private Azurite
// and passes its connection string in BRANDFLOW_BENCH_STORAGE.
// Options: --applications N (2000) --concurrency C (16) --results PATH (results.md) --raw-seconds S (3) --notice-seconds S (applications/10, at least 30) --via facade|api (api).
var connection = Environment.GetEnvironmentVariable("BRANDFLOW_BENCH_STORAGE");
if (string.IsNullOrEmpty(connection))
{
    Console.Error.WriteLine("BRANDFLOW_BENCH_STORAGE is not set; run scripts/bench-awards.sh.");
    return 2;
}

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: [--applications N] [--concurrency C] [--results PATH] [--raw-seconds S] [--notice-seconds S] [--via api|facade]");
    return 2;
}

var started = DateTimeOffset.UtcNow;
var loadBefore = BenchReport.LoadAverage();
var total = Stopwatch.StartNew();
using var traffic = new StorageTraffic(Port(connection, "BlobEndpoint"), Port(connection, "QueueEndpoint"), Port(connection, "TableEndpoint"));
await using var sampler = new ProcessSampler();

Console.WriteLine("[bench] raw Azurite rates before the run...");
var rawBefore = await MeasureRawAsync(connection, options.RawDuration);

var clock = new NoticeClock(options.Notice);
var mail = new MailTap();
await using var app = await BenchApp.StartAsync(connection, clock, mail);
Console.WriteLine($"[bench] app listening on {app.BaseAddress} ({app.Composition})");
using var blobHttp = new HttpClient { Timeout = HttpApiClient.RequestTimeout };
var client = app.CreateClient(blobHttp, mail, options.ViaFacade);
var journey = new Journey(client, mail, clock, traffic, options.Applications, options.Concurrency);
await journey.RunAsync(CancellationToken.None);

Console.WriteLine("[bench] raw Azurite rates after the run...");
var rawAfter = await MeasureRawAsync(connection, options.RawDuration);
var run = new BenchRun(started, total.Elapsed, options.Applications, options.Concurrency, app.Composition, client.Description, options.Notice,
    rawBefore, rawAfter, journey, traffic.Snapshot(TrafficScope.Observer), traffic.MailRequests, mail.Count,
    sampler.PeakWorkingSet, sampler.PeakGcHeap, loadBefore, BenchReport.LoadAverage());
var report = BenchReport.Render(run);
Console.WriteLine();
Console.WriteLine(report);
await File.WriteAllTextAsync(options.ResultsPath, report);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench] written to {options.ResultsPath}"));
return 0;

static async Task<IReadOnlyList<RawRate>> MeasureRawAsync(string connection, TimeSpan each)
{
    StorageTraffic.Enter(TrafficScope.Setup);
    return await RawRates.MeasureAsync(connection, each);
}

static int Port(string connection, string endpoint)
{
    var part = connection.Split(';').FirstOrDefault(p => p.StartsWith(endpoint + "=", StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"{endpoint} missing from the connection string");
    return new Uri(part[(endpoint.Length + 1)..]).Port;
}
