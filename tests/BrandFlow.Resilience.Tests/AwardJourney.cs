using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using BrandFlow.Awards.AzureStorage;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Model;
using BrandFlow.Policy;
using BrandFlow.Policy.Calculation;

namespace BrandFlow.Resilience.Tests;

/// <summary>
/// The award journey of a few (or a few hundred) firms in one 崇阳县 cycle, driven through the API of whichever host is
/// alive: register firms, open the cycle (notice of one working day), submit one GI claim each with its certificate,
/// clerk approves, the cy-agri reviewer approves by the emailed link, window closed, fiscal approval, payout.
/// People are the demo accounts `seed-demo` creates. State is checked through the API and in the award tables.
/// </summary>
internal sealed class AwardJourney
{
    public const string Admin = "admin@demo.brandflow.local";
    public const string Clerk = "clerk@demo.brandflow.local";
    public const string Reviewer = "reviewer-cy-agri@demo.brandflow.local";
    public const string Finance = "finance@demo.brandflow.local";
    private const string Jurisdiction = "421223";
    private const string Treasury = "fin-421223";

    private readonly TestSite site;
    private readonly List<Firm> firms;
    private readonly Dictionary<string, string> applicationOfFirm = new(StringComparer.Ordinal);

    public AwardJourney(TestSite site, int applications, int firstFirm = 0)
    {
        this.site = site;
        this.firms = Enumerable.Range(firstFirm, applications).Select(NewFirm).ToList();
        this.CycleId = $"{Jurisdiction}-2025-res-{site.Id[..6]}";
        this.Mailbox = new Mailbox(site.Blobs.GetBlobContainerClient(site.MailboxContainer));
    }

    /// <summary>The cycle.</summary>
    public string CycleId { get; private set; }

    /// <summary>The site's mailbox.</summary>
    public Mailbox Mailbox { get; }

    /// <summary>The firms, one application each.</summary>
    public IReadOnlyList<Firm> Firms => this.firms;

    /// <summary>Submitted application ids.</summary>
    public IReadOnlyCollection<string> ApplicationIds
    {
        get
        {
            lock (this.applicationOfFirm)
            {
                return [.. this.applicationOfFirm.Values];
            }
        }
    }

    /// <summary>A client of a host for this journey's mailbox.</summary>
    public BrandFlowApi Api(AppProcess host) => new(host, this.Mailbox);

    /// <summary>Registers the firms and opens the cycle; waits until it is open.</summary>
    public async Task SetUpAsync(BrandFlowApi api)
    {
        await Parallel.ForEachAsync(this.firms, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (firm, _) => await api.RegisterFirmAsync(Admin, firm));
        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
        await api.OpenCycleAsync(Admin, new CycleDefinition(
            this.CycleId, Jurisdiction, 2025, "崇阳县品牌奖励（韧性测试）", "Chongyang brand awards (resilience test)",
            ["cy-brand-quality"], ["cy-gi-agricultural-product"], today, today.AddDays(30), new DateOnly(2024, 12, 31),
            new StepDurations(NoticeWorkingDays: 1), new Dictionary<string, decimal> { [Treasury] = 100_000m * this.firms.Count }));
        await this.WaitForCycleAsync(api, CycleStatus.Open, TimeSpan.FromSeconds(60));
    }

    /// <summary>Registers the firms only (for firms joining a cycle another journey opened).</summary>
    public Task SetUpFirmsAsync(BrandFlowApi api) =>
        Parallel.ForEachAsync(this.firms, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (firm, _) => await api.RegisterFirmAsync(Admin, firm));

    /// <summary>Submits to another journey's cycle.</summary>
    public Task SubmitToCycleAsync(string cycleId, Func<int, BrandFlowApi> apiFor)
    {
        this.CycleId = cycleId;
        return this.SubmitAsync(apiFor);
    }

    /// <summary>Submits the application of each firm (at most <paramref name="concurrency"/> at once), each through the API the chooser picks.</summary>
    public async Task SubmitAsync(Func<int, BrandFlowApi> apiFor, int concurrency = 8) =>
        await Parallel.ForEachAsync(this.firms.Select((f, i) => (f, i)), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, _) =>
        {
            var identifier = "AGI-2024-" + item.f.CreditCode[^7..];
            var claim = new ClaimInput("gi", new AchievementInput { Id = "gi", Kind = "gi.agricultural-product", Level = "national", Date = new DateOnly(2024, 6, 1), Identifiers = [identifier], Subject = identifier }, []);
            var evidence = Encoding.UTF8.GetBytes($"%PDF-1.7\n% certificate {identifier} for {item.f.CreditCode}\n%%EOF\n");
            var id = await apiFor(item.i).SubmitAsync(item.f.ContactEmail, this.CycleId, claim, "certificate", evidence);
            lock (this.applicationOfFirm)
            {
                Assert.True(this.applicationOfFirm.TryAdd(item.f.CreditCode, id), $"{item.f.CreditCode} submitted twice");
            }
        });

    /// <summary>The clerk approves every application.</summary>
    public async Task ClerkApproveAsync(Func<int, BrandFlowApi> apiFor, int concurrency = 8) =>
        await Parallel.ForEachAsync(this.ApplicationIds.Order(StringComparer.Ordinal).Select((a, i) => (a, i)), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (item, _) => await apiFor(item.i).ClerkApproveAsync(Clerk, item.a));

    /// <summary>Waits for the review request of every application, then the reviewer posts each "approve" link.</summary>
    public async Task ReviewApproveAsync(Func<int, BrandFlowApi> apiFor, TimeSpan timeout, int concurrency = 8)
    {
        var tokens = await this.ApproveTokensAsync(timeout);
        await Parallel.ForEachAsync(tokens.OrderBy(t => t.Key, StringComparer.Ordinal).Select((t, i) => (t.Value, i)), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (item, _) => await apiFor(item.i).DecideAsync(Reviewer, item.Value));
    }

    /// <summary>Closes the window and waits until the cycle asks finance.</summary>
    public async Task CloseWindowAsync(BrandFlowApi api)
    {
        await api.CloseWindowAsync(Admin, this.CycleId);
        await this.WaitForCycleAsync(api, CycleStatus.AwaitingFiscalApproval, TimeSpan.FromSeconds(60));
    }

    /// <summary>Waits until every application satisfies the condition; fails with the statuses when it does not in time.</summary>
    public async Task<IReadOnlyDictionary<string, ApplicationStatus>> WaitForAllAsync(BrandFlowApi api, Func<ApplicationStatus, bool> done, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        IReadOnlyDictionary<string, ApplicationStatus> statuses = new Dictionary<string, ApplicationStatus>();
        while (watch.Elapsed < timeout)
        {
            statuses = await api.ApplicationsAsync(Admin, this.CycleId);
            if (statuses.Count == this.firms.Count && statuses.Values.All(done))
            {
                return statuses;
            }

            await Task.Delay(500);
        }

        var summary = string.Join(", ", statuses.GroupBy(s => s.Value).Select(g => $"{g.Key}: {g.Count()}"));
        Assert.Fail($"not every application reached {what} within {timeout.TotalSeconds:0} s: {statuses.Count} of {this.firms.Count} listed ({summary})\n{api.Host.Output}");
        return statuses;
    }

    /// <summary>Waits for a cycle status.</summary>
    public async Task WaitForCycleAsync(BrandFlowApi api, CycleStatus status, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var seen = "none";
        while (watch.Elapsed < timeout)
        {
            try
            {
                seen = (await api.CycleAsync(Admin, this.CycleId)).GetProperty("status").GetString() ?? "null";
                if (string.Equals(seen, status.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }
            }
            catch (InvalidOperationException) when (watch.Elapsed < TimeSpan.FromSeconds(20))
            {
                // The read model appears with the cycle's first step.
            }

            await Task.Delay(300);
        }

        Assert.Fail($"cycle {this.CycleId} is {seen}, not {status}, after {timeout.TotalSeconds:0} s\n{api.Host.Output}");
    }

    /// <summary>The award ports on Azurite (read directly, also while no host runs).</summary>
    public Task<AwardsStorage> StoresAsync() => AwardsStorage.CreateAsync(Azurite.ConnectionString, this.site.Stores, TimeProvider.System);

    /// <summary>Applications in the store by status (no host needed).</summary>
    public async Task<IReadOnlyDictionary<string, ApplicationStatus>> StoredStatusesAsync() =>
        (await (await this.StoresAsync()).Applications.ListByCycleAsync(this.CycleId)).ToDictionary(a => a.ApplicationId, a => a.Status);

    /// <summary>Payment instruction rows (one per award id) and ledger rows (key: award id) of this site.</summary>
    public async Task<(IReadOnlyList<string> Instructions, IReadOnlyList<string> Ledger)> PayoutRowsAsync()
    {
        var payouts = this.site.Tables.GetTableClient(this.site.Stores.PayoutsTable);
        var ledger = this.site.Tables.GetTableClient(this.site.Stores.LedgerTable);
        var instructions = new List<string>();
        await foreach (var row in payouts.QueryAsync<TableEntity>("RowKey eq 'instruction'"))
        {
            instructions.Add(row.GetString("IdempotencyKey") ?? row.PartitionKey);
        }

        var entries = new List<string>();
        await foreach (var row in ledger.QueryAsync<TableEntity>())
        {
            entries.Add(row.RowKey);
        }

        return (instructions, entries);
    }

    /// <summary>The "approve" token of each application's review request (application id → token).</summary>
    private async Task<Dictionary<string, string>> ApproveTokensAsync(TimeSpan timeout)
    {
        var wanted = this.ApplicationIds.ToHashSet(StringComparer.Ordinal);
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            foreach (var mail in await this.Mailbox.ToAsync(Reviewer))
            {
                foreach (var link in Mailbox.Links(mail).Where(l => l.Action == "approve" && l.Purpose == "review-decision"))
                {
                    var application = link.Subject.Split('/')[0];
                    if (wanted.Contains(application))
                    {
                        tokens.TryAdd(application, link.Token);
                    }
                }
            }

            if (tokens.Count == wanted.Count)
            {
                return tokens;
            }

            Assert.True(watch.Elapsed < timeout, $"review requests for {tokens.Count} of {wanted.Count} applications within {timeout.TotalSeconds:0} s");
            await Task.Delay(500);
        }
    }

    private static Firm NewFirm(int index)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"91421223MA4{index:D6}");
        var code = first17 + CreditCode.CheckCharacter(first17);
        return new Firm(code, string.Create(CultureInfo.InvariantCulture, $"崇阳县韧性{index:D5}农业有限公司"), "enterprise", Jurisdiction,
            string.Create(CultureInfo.InvariantCulture, $"firm{index:D5}@resilience-firm.test"), "湖北崇阳农村商业银行", "6230" + first17[^8..], "county");
    }
}
