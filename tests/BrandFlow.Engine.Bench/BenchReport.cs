using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace BrandFlow.Engine.Bench;

/// <summary>Renders a run as the Markdown of results.md.</summary>
internal static class BenchReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>One line per profile for the console.</summary>
    public static string Summary(ProfileRun run, ClientCosts costs, TimeSpan idle) => string.Join("; ", new[]
    {
        run.Chains is { } c ? F($"chains {c.PerSecond:0.0} activities/s, {costs.EngineRequests(c) / c.Operations:0.00} requests/activity") : "chains –",
        run.FanOut is { } f ? F($"fan-out {f.Elapsed.TotalSeconds:0.0} s") : "fan-out –",
        run.Events is { } e ? F($"events {e.PerSecond:0} /s") : "events –",
        run.Idle is { } i ? F($"idle {i.Total / idle.TotalMinutes:0} requests/min") : "idle –",
    });

    /// <summary>The Markdown report.</summary>
    public static string Render(BenchResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var s = new StringBuilder();
        var costs = r.ClientCosts;
        s.Append("# Local Durable Task engine on Azurite: benchmark results\n\n");
        s.Append(Inv, $"Run {r.Started:yyyy-MM-dd HH:mm} UTC by `scripts/bench-durable.sh` (Release build), {r.Elapsed.TotalMinutes:0.0} min in all.\n");
        s.Append(Inv, $"Machine: {Cpu()}, {Environment.ProcessorCount} cores, {MemoryGiB()} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; ");
        s.Append(Inv, $"Azurite {Environment.GetEnvironmentVariable("BRANDFLOW_BENCH_AZURITE_VERSION") ?? "?"} (npm) on the same cores, loopback, {Environment.GetEnvironmentVariable("BRANDFLOW_BENCH_AZURITE_MODE") ?? "data on local disk"}.\n");
        s.Append(Inv, $"Load average (1/5/15 min) at the start: {r.LoadBefore}; at the end: {r.LoadAfter} (the machine was shared with other work: compare rates with the raw Azurite rates of the same run).\n\n");
        s.Append("Engine: `BrandFlow.Engine.Local` (official Microsoft.DurableTask 1.28.0 worker and client over the InProcessTestHost gRPC sidecar on ");
        s.Append("DurableTask.AzureStorage 2.11.2), one process, a fresh task hub per scenario after a warm-up of 4 one-activity chains. ");
        s.Append("Storage requests are counted by a per-retry `HttpPipelinePolicy` on the engine's blob, queue and table clients ");
        s.Append("(`LocalEngineOptions.ConfigureStorageClientOptions`): every request of the process, since the client's calls go through the sidecar to the same ");
        s.Append("DurableTask.AzureStorage service. Completion is observed in process (the orchestrators count their last step), so no status polling is ");
        s.Append("in the figures; the one confirming instance query at the end is left out. \"Engine side\" also leaves out the client's own calls at the ");
        s.Append(Inv, $"rates measured on a client-only host: {costs.PerSchedule:0.00} requests per scheduled instance ({Ops(costs.Schedule, costs.Instances)}), ");
        s.Append(Inv, $"{costs.PerRaise:0.00} per raised event ({Ops(costs.Raise, costs.Instances)}). ");
        s.Append("Old figures were measured the same way (worker-side pipeline policy).\n\n");

        s.Append("## Results\n\n");
        s.Append("| measurement | retired home-made runtime (8350f89) | this engine, first hand measurement (facts.md) |");
        foreach (var p in r.Profiles)
        {
            s.Append(Inv, $" {p.Name} |");
        }

        s.Append(" target |\n|---|---:|---:|");
        s.Append(string.Concat(r.Profiles.Select(_ => "---:|")));
        s.Append("---|\n");
        void Row(string name, string old, string earlier, Func<ProfileRun, string?> cell, string target)
        {
            s.Append(Inv, $"| {name} | {old} | {earlier} |");
            foreach (var p in r.Profiles)
            {
                s.Append(Inv, $" {cell(p) ?? (p.Errors.Count > 0 ? "failed" : "not run")} |");
            }

            s.Append(Inv, $" {target} |\n");
        }

        Row("settings", "16 orchestration / 32 activity slots", "1 s polling", p => p.Settings, string.Empty);
        Row(F($"{r.Chains} instances x chain of {r.ChainLength}: activities/s"), "106", "33–61", p => p.Chains is { } c ? F($"{c.PerSecond:0.0} ({c.Elapsed.TotalSeconds:0.0} s)") : null, string.Empty);
        Row("chains: storage requests per activity, engine side", "**5.57**", "10.6–11.0", p => p.Chains is { } c ? F($"**{costs.EngineRequests(c) / c.Operations:0.00}**") : null, "≤ 8");
        Row("chains: storage requests per activity, everything (scheduling included)", "–", "–", p => p.Chains is { } c ? F($"{(double)c.Requests.Total / c.Operations:0.00} (tables {c.Requests.Service("table")}, queues {c.Requests.Service("queue")}, blobs {c.Requests.Service("blob")})") : null, string.Empty);
        Row(F($"fan-out/fan-in of {r.FanOut}: seconds"), "13.2", "27–49", p => p.FanOut is { } f ? F($"**{f.Elapsed.TotalSeconds:0.0}** ({f.PerSecond:0} activities/s, {costs.EngineRequests(f) / f.Operations:0.00} requests/activity)") : null, "< 20 s");
        Row(F($"{r.Events} external events into waiting instances: events/s"), "115", "100–179", p => p.Events is { } e ? F($"{e.PerSecond:0} ({e.Elapsed.TotalSeconds:0.0} s, {costs.EngineRequests(e) / e.Operations:0.00} engine requests/event)") : null, string.Empty);
        Row(F($"idle: storage requests per minute (over {r.IdleWindow.TotalSeconds:0} s)"), "25", "~540 (9/s at 1 s polling)", p => p.Idle is { } i ? F($"**{i.Total / r.IdleWindow.TotalMinutes:0}** (tables {i.Service("table")}, queues {i.Service("queue")}, blobs {i.Service("blob")})") : null, "≤ 60");
        Row(F($"memory with {r.Events} instances waiting: working set (GC heap)"), "138 MiB (8.8 MiB)", "–", p => p.Memory is { } m ? F($"{Mib(m.WorkingSetBytes)} MiB ({Mib(m.GcHeapBytes)} MiB)") : null, string.Empty);
        s.Append('\n');

        OperationTable(s, r, "Chains: storage requests per activity by operation (everything, scheduling included)", p => p.Chains, c => c.Operations);
        OperationTable(s, r, "Fan-out: storage requests per activity by operation", p => p.FanOut, f => f.Operations);
        OperationTable(s, r, "Events: storage requests per event by operation (raising included)", p => p.Events, e => e.Operations);
        s.Append("### Idle: storage requests per minute by operation\n\n| operation |");
        s.Append(string.Concat(r.Profiles.Select(p => $" {p.Name} |"))).Append("\n|---|").Append(string.Concat(r.Profiles.Select(_ => "---:|"))).Append('\n');
        foreach (var key in r.Profiles.SelectMany(p => p.Idle?.Operations.Keys ?? []).Distinct().Order(StringComparer.Ordinal))
        {
            s.Append(Inv, $"| {key} |").Append(string.Concat(r.Profiles.Select(p => F($" {(p.Idle?.Operations.GetValueOrDefault(key) ?? 0) / r.IdleWindow.TotalMinutes:0.#} |")))).Append('\n');
        }

        s.Append("\n## Raw Azurite rates (same run)\n\n| operation | tasks | before | after | transactions per operation |\n|---|---:|---:|---:|---:|\n");
        foreach (var (before, after) in r.RawBefore.Zip(r.RawAfter))
        {
            s.Append(Inv, $"| {before.Operation} | {before.Tasks} | {before.OperationsPerSecond:0}/s | {after.OperationsPerSecond:0}/s | {before.TransactionsPerOperation} |\n");
        }

        s.Append("\n## Extended sessions through the sidecar\n\n");
        s.Append(r.ExtendedSessions is null ? "Not probed.\n" : F($"`ExtendedSessionsEnabled = true`, 20 chains of 5 activities, 60 s allowed: {r.ExtendedSessions}.\n"));
        if (r.Profiles.Any(p => p.Errors.Count > 0) || r.EngineLog.Count > 0)
        {
            s.Append("\n## Errors and engine warnings\n\n");
            foreach (var error in r.Profiles.SelectMany(p => p.Errors.Select(e => $"{p.Name}: {e}")))
            {
                s.Append(Inv, $"- {error}\n");
            }

            foreach (var (message, count) in r.EngineLog.OrderByDescending(m => m.Value).Take(20))
            {
                s.Append(Inv, $"- {count} x {message.Replace("|", "\\|", StringComparison.Ordinal)}\n");
            }
        }

        return s.ToString();
    }

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static void OperationTable(StringBuilder s, BenchResult r, string title, Func<ProfileRun, ScenarioResult?> pick, Func<ScenarioResult, int> per)
    {
        s.Append(Inv, $"### {title}\n\n| operation |").Append(string.Concat(r.Profiles.Select(p => $" {p.Name} |")));
        s.Append("\n|---|").Append(string.Concat(r.Profiles.Select(_ => "---:|"))).Append('\n');
        var keys = r.Profiles.SelectMany(p => pick(p)?.Requests.Operations.Keys ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var key in keys.Append("total"))
        {
            s.Append(Inv, $"| {key} |");
            foreach (var p in r.Profiles)
            {
                var result = pick(p);
                var count = result is null ? 0 : key == "total" ? result.Requests.Total : result.Requests.Operations.GetValueOrDefault(key);
                s.Append(result is null ? " – |" : F($" {(double)count / per(result):0.00} |"));
            }

            s.Append('\n');
        }

        s.Append('\n');
    }

    private static string Ops(StorageCounts counts, int per) =>
        string.Join(", ", counts.Operations.OrderByDescending(o => o.Value).Select(o => F($"{o.Key} {(double)o.Value / per:0.##}")));

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0", Inv);

    private static string F(FormattableString text) => text.ToString(Inv);

    private static string Cpu()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static string MemoryGiB() =>
        (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0).ToString("0", Inv);
}
