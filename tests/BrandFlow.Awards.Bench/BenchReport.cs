using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace BrandFlow.Awards.Bench;

/// <summary>Everything one run measured.</summary>
internal sealed record BenchRun(
    DateTimeOffset Started,
    TimeSpan Elapsed,
    int Applications,
    int Concurrency,
    string Composition,
    string Actions,
    TimeSpan NoticeLasts,
    IReadOnlyList<RawRate> RawBefore,
    IReadOnlyList<RawRate> RawAfter,
    Journey Journey,
    StorageTransactionSnapshot Observer,
    long MailRequests,
    long Mails,
    long PeakWorkingSet,
    long PeakGcHeap,
    string LoadBefore,
    string LoadAfter);

/// <summary>Renders a run as the Markdown of results.md.</summary>
internal static class BenchReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(BenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var j = run.Journey;
        var workflowPhases = j.Phases.Where(p => p.Applications > 0).ToList();
        var workflow = workflowPhases.Aggregate(default(StorageTransactionSnapshot), (sum, p) => new StorageTransactionSnapshot(
            sum.Tables + p.Transactions.Tables, sum.Queues + p.Transactions.Queues, sum.Blobs + p.Transactions.Blobs));
        var workflowTime = TimeSpan.FromTicks(workflowPhases.Sum(p => p.Elapsed.Ticks));
        var n = (double)run.Applications;
        var perApp = workflow.Total / n;
        var appsPerMinute = n / workflowTime.TotalMinutes;

        // The bound: Azurite's own best rate in this run per service (either measurement, 1 or 8 tasks), weighted by the
        // mix of one application's transactions.
        var best = run.RawBefore.Concat(run.RawAfter).ToList();
        double Rate(IReadOnlyList<RawRate> raw, string op) => raw.Where(r => r.Operation == op).Max(r => r.TransactionsPerSecond);
        double SecondsPerApp(IReadOnlyList<RawRate> raw) =>
            (workflow.Tables / n / Rate(raw, "single AddEntity")) + (workflow.Queues / n / Rate(raw, "queue send+receive+delete")) + (workflow.Blobs / n / Rate(raw, "2 KiB blob upload"));
        var bound = 60 / SecondsPerApp(best);
        var boundBefore = 60 / SecondsPerApp(run.RawBefore);
        var boundAfter = 60 / SecondsPerApp(run.RawAfter);

        var s = new StringBuilder();
        s.Append("# Award workflow on Azurite: benchmark results\n\n");
        s.Append(Inv, $"Run {run.Started:yyyy-MM-dd HH:mm} UTC by `scripts/bench-awards.sh --applications {run.Applications}` (Release build), {run.Elapsed.TotalMinutes:0.0} min in all.\n");
        s.Append(Inv, $"Machine: {Cpu()}, {Environment.ProcessorCount} cores, {MemoryGiB()} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; ");
        s.Append(Inv, $"Azurite {Environment.GetEnvironmentVariable("BRANDFLOW_BENCH_AZURITE_VERSION") ?? "?"} (npm) on the same cores, loopback, data {Environment.GetEnvironmentVariable("BRANDFLOW_BENCH_AZURITE_MODE") ?? "on local disk"}.\n");
        s.Append(Inv, $"Load average (1/5/15 min) at the start: {run.LoadBefore}; at the end: {run.LoadAfter} (other work shared the machine: compare the rates with the raw Azurite rates of the same run, not with other runs).\n\n");
        s.Append(Inv, $"- App: the real BrandFlow app (its WebHost extension methods) on Kestrel in this process, {run.Composition}.\n");
        s.Append(Inv, $"- Driver actions: {run.Actions}; at most {run.Concurrency} applications in flight.\n");
        s.Append("- Mail: the app's SendGrid client posts every message over HTTP to the app's own SendGrid-compatible endpoint, which stores it in Blob Storage; review link tokens are read from those captured mails (the request body, on its way to the endpoint), not from the facade.\n");
        s.Append(Inv, $"- Clock: durable timers run on real time; the app's workflow clock is the real one except that the public notice falls due {run.NoticeLasts.TotalSeconds:0} s after the cycle opens it (`--notice-seconds`). The driver waits for that instant untimed, then times the payout phase from it; the timers of earlier steps (review reminders, escalations, expiries, all cancelled by the decisions) keep their real due dates.\n");
        s.Append("- Transactions: every HTTP request any client in the process sends to Azurite's three ports is counted (.NET's HttpClient metrics, one per attempt, retries included), so the durable backend, the award stores, mail and the policy tables all count. Requests made while the driver only watches (status polls) are counted apart and excluded.\n\n");

        s.Append("## Headline\n\n| measure | result |\n|---|---:|\n");
        s.Append(Inv, $"| applications through the whole workflow | {run.Applications} in {workflowTime.TotalMinutes:0.0} min |\n");
        s.Append(Inv, $"| **applications per minute** (end to end, seeding excluded) | **{appsPerMinute:0.0}** |\n");
        s.Append(Inv, $"| **storage transactions per application** | **{perApp:0.0}** (tables {workflow.Tables / n:0.0}, queues {workflow.Queues / n:0.0}, blobs {workflow.Blobs / n:0.0}) |\n");
        s.Append(Inv, $"| of which for mail (local SendGrid endpoint storing to Blob) | {run.MailRequests / n:0.0} ({run.Mails} mails, {run.Mails / n:0.0} per application) |\n");
        s.Append(Inv, $"| **decision POST → next step, p50 / p95 / max** | {j.DecisionToNext.Percentile(50):0} / **{j.DecisionToNext.Percentile(95):0}** / {j.DecisionToNext.Max:0} ms (n = {j.DecisionToNext.Count}) |\n");
        s.Append(Inv, $"| clerk's POST → review request mailed, p50 / p95 / max | {j.ClerkToReview.Percentile(50):0} / {j.ClerkToReview.Percentile(95):0} / {j.ClerkToReview.Max:0} ms |\n");
        s.Append(Inv, $"| submission → clerk asked (estimate + automatic check), p50 / p95 | {j.SubmitToClerk.Percentile(50):0} / {j.SubmitToClerk.Percentile(95):0} ms |\n");
        s.Append(Inv, $"| decision POST answer time, p50 / p95 | {j.DecisionPost.Percentile(50):0} / {j.DecisionPost.Percentile(95):0} ms |\n");
        s.Append(Inv, $"| bound from the raw Azurite rates of this run (best of start and end; start only / end only) | {bound:0.0} ({boundBefore:0.0} / {boundAfter:0.0}) applications per minute |\n");
        s.Append(Inv, $"| **throughput as a fraction of the bound** | **{appsPerMinute / bound:P0}** |\n");
        s.Append(Inv, $"| peak working set / peak GC heap (app, worker and driver in one process) | {run.PeakWorkingSet / 1048576.0:0} MiB / {run.PeakGcHeap / 1048576.0:0} MiB |\n");

        s.Append(Inv, $"| driver's status polls (excluded above) | {run.Observer.Total} transactions |\n\n");

        s.Append("## Phases\n\n| phase | time | applications/min | transactions | per application (tables / queues / blobs) |\n|---|---:|---:|---:|---:|\n");
        foreach (var p in j.Phases)
        {
            var rate = p.Applications > 0 ? (p.Applications / p.Elapsed.TotalMinutes).ToString("0.0", Inv) : "-";
            var per = p.Applications > 0
                ? string.Create(Inv, $"{p.Transactions.Total / (double)p.Applications:0.0} ({p.Transactions.Tables / (double)p.Applications:0.0} / {p.Transactions.Queues / (double)p.Applications:0.0} / {p.Transactions.Blobs / (double)p.Applications:0.0})")
                : "-";
            s.Append(Inv, $"| {p.Name} | {p.Elapsed.TotalSeconds:0.0} s | {rate} | {p.Transactions.Total} | {per} |\n");
        }

        s.Append("\n## Raw Azurite rates (same run; transactions per second)\n\n| operation | start, 1 task | start, 8 tasks | end, 1 task | end, 8 tasks |\n|---|---:|---:|---:|---:|\n");
        foreach (var op in run.RawBefore.Select(r => r.Operation).Distinct())
        {
            string At(IReadOnlyList<RawRate> raw, int tasks) => raw.FirstOrDefault(r => r.Operation == op && r.Tasks == tasks) is { } r ? r.TransactionsPerSecond.ToString("0", Inv) : "-";
            s.Append(Inv, $"| {op} | {At(run.RawBefore, 1)} | {At(run.RawBefore, 8)} | {At(run.RawAfter, 1)} | {At(run.RawAfter, 8)} |\n");
        }

        s.Append("\n## How to read it\n\n");
        s.Append("- *Applications per minute* counts the workflow phases (submission to cycle closed), not seeding the directory and opening the cycle. The pipelined phase runs submission, the automatic check, the clerk's check and the review for every application; the later phases are cycle-wide batches whose time grows with the number of applications.\n");
        s.Append("- *Decision POST → next step* is measured per application from sending the reviewer's POST until the application's orchestration has recorded the review outcome (read model saved, audit appended, the outcome mail delivered to the local endpoint); the status is then read once to confirm AwaitingFiscalApproval.\n");
        s.Append("- *The bound* is how many applications per minute Azurite alone could serve if it did nothing but this run's storage transactions at its own best rate measured in this run per service (before or after the journey, 1 or 8 tasks): table transactions at the single-entity rate, queue transactions at the round-trip rate, blob transactions at the small-upload rate. The fraction says how much of Azurite's capacity the app turns into applications; the rest is the app's own CPU (JSON, replay, HTTP, the driver) on the same two cores, waiting (polling back-off, timers) and serial steps in the cycle.\n");
        s.Append("- Rates vary by tens of percent between runs on this shared 2-core machine; transaction counts are stable. Azurite is not Azure: no throttling, sub-millisecond latency and single-threaded Node.js processes; on Azure the transaction counts carry over (they are what is billed), the rates do not.\n");
        return s.ToString();
    }

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

    private static string MemoryGiB() =>
        (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0).ToString("0", Inv);
}
