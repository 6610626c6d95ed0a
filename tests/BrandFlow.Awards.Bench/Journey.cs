using System.Diagnostics;
using System.Globalization;
using System.Text;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Model;
using BrandFlow.Policy;
using BrandFlow.Policy.Calculation;

namespace BrandFlow.Awards.Bench;

/// <summary>Figures of one phase of the journey.</summary>
internal sealed record PhaseResult(string Name, TimeSpan Elapsed, int Applications, StorageTransactionSnapshot Transactions);

/// <summary>
/// The whole journey for N applications: seed people and firms, open a cycle, then per application (at most
/// <c>concurrency</c> at once) upload evidence, submit, wait for the clerk's turn, clerk approves, wait for the review
/// mail, the reviewer posts the "approve" link's token, wait for the review outcome; then close the window, fiscal
/// approval, public notice (it ends when <see cref="NoticeClock"/> said), payout batch, bank confirmations, cycle closed.
/// </summary>
internal sealed class Journey(IAwardsClient client, MailTap mail, NoticeClock clock, StorageTraffic traffic, int applications, int concurrency)
{
    public const string Jurisdiction = "421223";
    public const string Treasury = "fin-421223";
    public const string Admin = "admin@bench.gov.test";
    public const string Clerk = "clerk@bench.gov.test";
    public const string Reviewer = "reviewer.agri@bench.gov.test";
    public const string Finance = "finance@bench.gov.test";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);
    private readonly List<PhaseResult> phases = [];
    private int reviewed;
    private readonly string cycleId = "421223-2025-bench-" + Guid.NewGuid().ToString("N")[..6];

    public IReadOnlyList<PhaseResult> Phases => this.phases;

    /// <summary>Submission POST (upload, inspect, submit) until the clerk is asked (automatic check done).</summary>
    public Latencies SubmitToClerk { get; } = new();

    /// <summary>Clerk's POST until the review request reaches the reviewer.</summary>
    public Latencies ClerkToReview { get; } = new();

    /// <summary>Reviewer's decision POST until the application records the review outcome (next step: awaiting fiscal approval).</summary>
    public Latencies DecisionToNext { get; } = new();

    /// <summary>Duration of the decision POST itself (the API's answer).</summary>
    public Latencies DecisionPost { get; } = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var firms = Enumerable.Range(0, applications).Select(NewFirm).ToList();
        await this.PhaseAsync("seed staff and firms, open the cycle", 0, TrafficScope.Setup, async () =>
        {
            await client.SeedAsync(Staff(), firms, cancellationToken);
            var today = clock.Today();
            await client.OpenCycleAsync(new CycleDefinition(this.cycleId, Jurisdiction, 2025, "崇阳县品牌奖励（基准测试）", "Chongyang brand awards (benchmark)",
                ["cy-brand-quality"], ["cy-gi-agricultural-product"], today, today.AddDays(30), new DateOnly(2024, 12, 31),
                new StepDurations(NoticeWorkingDays: 1), new Dictionary<string, decimal> { [Treasury] = 100_000m * applications }), cancellationToken);
            await this.WaitForCycleAsync(CycleStatus.Open, cancellationToken);
        });

        await this.PhaseAsync("submit, clerk check and review (pipelined)", applications, TrafficScope.Workflow, async () =>
            await Parallel.ForEachAsync(firms.Select((f, i) => (f, i)), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (item, ct) =>
                {
                    await this.OneApplicationAsync(item.f, item.i, ct);
                    var done = Interlocked.Increment(ref this.reviewed);
                    if (done % 100 == 0)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench]   {done} reviewed at {DateTime.UtcNow:HH:mm:ss} UTC"));
                    }
                }));

        await this.PhaseAsync("close window until fiscal approval is requested", applications, TrafficScope.Workflow, async () =>
        {
            await client.CloseWindowAsync(Admin, this.cycleId, cancellationToken);
            await this.WaitForCycleAsync(CycleStatus.AwaitingFiscalApproval, cancellationToken);
        });

        await this.PhaseAsync("fiscal approval until every application is in public notice", applications, TrafficScope.Workflow, async () =>
        {
            await client.ApproveFiscalAsync(Finance, this.cycleId, cancellationToken);
            await this.WaitForCycleAsync(CycleStatus.PublicNotice, cancellationToken);
            await this.WaitForCountAsync(ApplicationStatus.InPublicNotice, cancellationToken, NoticeOver);
        });

        // The notice's timer falls due when the clock said; the wait until then is not part of any phase.
        var due = clock.NoticeDueUtc ?? throw new InvalidOperationException("the cycle never asked when its notice ends");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench] waiting {Math.Max(0, (due - DateTime.UtcNow).TotalSeconds):0} s for the notice to end ({due:HH:mm:ss} UTC)..."));
        if (due > DateTime.UtcNow)
        {
            await Task.Delay(due - DateTime.UtcNow, cancellationToken);
        }

        await this.PhaseAsync("notice ends until every payout is issued", applications, TrafficScope.Workflow, async () =>
        {
            await this.WaitForCycleAsync(CycleStatus.Paying, cancellationToken);
            await this.WaitForCountAsync(ApplicationStatus.PayoutIssued, cancellationToken);
        });

        await this.PhaseAsync("bank confirmations imported until the cycle is closed", applications, TrafficScope.Workflow, async () =>
        {
            var csv = await client.PaymentFileCsvAsync(Finance, this.cycleId, cancellationToken);
            await client.ImportConfirmationsAsync(Finance, this.cycleId, Confirmations(csv, clock.Today()), cancellationToken);
            await this.WaitForCountAsync(ApplicationStatus.Paid, cancellationToken);
            var cycle = await client.CycleAsync(Admin, this.cycleId, cancellationToken);
            if (cycle.Status != CycleStatus.Closed)
            {
                await client.CloseCycleAsync(Admin, this.cycleId, cancellationToken);
            }

            var closed = await this.WaitForCycleAsync(CycleStatus.Closed, cancellationToken);
            if (closed.Report is not { } report || report.AwardsPaid != applications)
            {
                throw new InvalidOperationException($"the report counts {closed.Report?.AwardsPaid} paid awards, expected {applications}");
            }
        });
    }

    private async Task OneApplicationAsync(Firm firm, int index, CancellationToken cancellationToken)
    {
        var identifier = string.Create(CultureInfo.InvariantCulture, $"AGI-2024-{index:D6}");
        var claim = new ClaimInput("gi", new AchievementInput { Id = "gi", Kind = "gi.agricultural-product", Level = "national", Date = new DateOnly(2024, 6, 1), Identifiers = [identifier], Subject = identifier }, []);
        var evidence = Encoding.UTF8.GetBytes($"%PDF-1.7\n% certificate {identifier} for {firm.CreditCode}\n%%EOF\n");

        var watch = Stopwatch.StartNew();
        var applicationId = await client.SubmitAsync(firm, this.cycleId, claim, "certificate", evidence, cancellationToken);
        await mail.WaitAsync(applicationId, m => m.IdempotencyKey.Contains(":check.automatic:", StringComparison.Ordinal), StepTimeout);
        this.SubmitToClerk.Add(watch.Elapsed);

        watch.Restart();
        await client.ClerkApproveAsync(Clerk, applicationId, cancellationToken);
        var request = await mail.WaitAsync(applicationId, m => m.To == Reviewer && m.Links.Any(l => l.Action == "approve"), StepTimeout);
        this.ClerkToReview.Add(watch.Elapsed);

        var token = request.Links.First(l => l.Action == "approve").Token;
        watch.Restart();
        await client.DecideAsync(Reviewer, token, cancellationToken);
        this.DecisionPost.Add(watch.Elapsed);
        await mail.WaitAsync(applicationId, m => m.IdempotencyKey.Contains(":review.completed:", StringComparison.Ordinal), StepTimeout);
        this.DecisionToNext.Add(watch.Elapsed);

        var status = await client.StatusAsync(firm.ContactEmail, applicationId, cancellationToken);
        if (status != ApplicationStatus.AwaitingFiscalApproval)
        {
            throw new InvalidOperationException($"{applicationId} is {status} after its review, expected AwaitingFiscalApproval");
        }
    }

    private bool NoticeOver() => clock.NoticeDueUtc is { } due && DateTime.UtcNow > due;

    private async Task PhaseAsync(string name, int count, TrafficScope scope, Func<Task> body)
    {
        Console.WriteLine($"[bench] {name}...");
        StorageTraffic.Enter(scope);
        var before = traffic.Snapshot(scope);
        var watch = Stopwatch.StartNew();
        await body();
        this.phases.Add(new PhaseResult(name, watch.Elapsed, count, traffic.Snapshot(scope) - before));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench]   {watch.Elapsed.TotalSeconds:0.0} s"));
    }

    private async Task<CycleRecord> WaitForCycleAsync(CycleStatus status, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var cycle = await client.CycleAsync(Admin, this.cycleId, cancellationToken);
                if (cycle.Status == status)
                {
                    return cycle;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                // The read model appears with the cycle's first step.
            }

            // Cycle-wide steps (fiscal approval reaching every application) grow with the number of applications: on the
            // official engine 2,000 applications took longer than a fixed 10 minutes on this machine.
            if (deadline.Elapsed > TimeSpan.FromMinutes(Math.Max(10, applications / 50.0)))
            {
                throw new TimeoutException($"cycle {this.cycleId} did not reach {status} within {Math.Max(10, applications / 50.0):0} minutes");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private async Task WaitForCountAsync(ApplicationStatus status, CancellationToken cancellationToken, Func<bool>? tooLate = null)
    {
        var deadline = Stopwatch.StartNew();
        while (await client.CountAsync(Admin, this.cycleId, status, cancellationToken) < applications)
        {
            if (tooLate?.Invoke() == true)
            {
                throw new InvalidOperationException($"the public notice ended before every application reached {status}: raise --notice-seconds");
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(Math.Max(15, applications / 50.0)))
            {
                throw new TimeoutException($"not every application reached {status}");
            }

            await Task.Delay(1000, cancellationToken);
        }
    }

    /// <summary>The bank's answer to a payment file: every line paid today (columns reference, amount, paidOn, status, message).</summary>
    private static string Confirmations(string paymentCsv, DateOnly paidOn)
    {
        var lines = paymentCsv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = Split(lines[0]);
        var reference = Array.FindIndex(header, h => h.Contains("reference", StringComparison.OrdinalIgnoreCase));
        var amount = Array.FindIndex(header, h => h.Contains("amount", StringComparison.OrdinalIgnoreCase));
        if (reference < 0 || amount < 0)
        {
            throw new InvalidOperationException("payment file without reference/amount columns: " + lines[0]);
        }

        var output = new StringBuilder("reference,amount,paidOn,status,message\n");
        foreach (var line in lines.Skip(1))
        {
            var cells = Split(line);
            output.Append(cells[reference]).Append(',').Append(cells[amount]).Append(',')
                .Append(paidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(",ok,\n");
        }

        return output.ToString();
    }

    private static string[] Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }

    private static List<UserAccount> Staff() =>
    [
        new(Admin, "管理员", [Role.Administrator], Jurisdiction: Jurisdiction),
        new(Clerk, "受理员", [Role.Clerk], Jurisdiction: Jurisdiction),
        new(Reviewer, "农业审核员", [Role.Reviewer], "cy-agri", Jurisdiction: Jurisdiction),
        new("head.agri@bench.gov.test", "农业局负责人", [Role.DepartmentHead], "cy-agri", Jurisdiction: Jurisdiction),
        new(Finance, "财政", [Role.Finance], Jurisdiction: Jurisdiction),
    ];

    private static Firm NewFirm(int index)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"91421223MA4{index:D6}");
        var code = first17 + CreditCode.CheckCharacter(first17);
        return new Firm(code, string.Create(CultureInfo.InvariantCulture, $"崇阳县基准{index:D5}农业有限公司"), "enterprise", Jurisdiction,
            string.Create(CultureInfo.InvariantCulture, $"firm{index:D5}@bench-firm.test"), "湖北崇阳农村商业银行", "6230" + first17[^8..], "county");
    }
}
