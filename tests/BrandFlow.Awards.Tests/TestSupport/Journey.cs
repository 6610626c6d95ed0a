using BrandFlow.Awards.Model;
using BrandFlow.Awards.Workflow;
using BrandFlow.Durable.Backend;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.Tests.TestSupport;

/// <summary>
/// Steps of the award journey used by several tests: a 崇阳县 cycle open 2025-09-01..09-12, applications submitted and
/// reviewed through the mailed links, fiscal approval, the notice and the payout.
/// </summary>
internal sealed class Journey
{
    public static readonly DateTimeOffset Start = new(2025, 8, 25, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Opens = new(2025, 9, 1);
    public static readonly DateOnly Closes = new(2025, 9, 12);

    private Journey(AwardTestHost host, CycleDefinition cycle)
    {
        Host = host;
        Cycle = cycle;
    }

    public AwardTestHost Host { get; }

    public CycleDefinition Cycle { get; }

    public string CycleId => Cycle.CycleId;

    public string BatchId => $"{CycleId}-payout";

    /// <summary>Seeds people, starts the cycle and moves to its first day (the cycle is open).</summary>
    public static async Task<Journey> OpenAsync(decimal budget = 1_000_000m, DateOnly? closes = null, IFaultInjectionHook? hook = null,
        Func<IAwardLedger, IAwardLedger>? wrapLedger = null, bool secondAmrReviewer = false)
    {
        var host = new AwardTestHost(Start, hook, wrapLedger);
        await Seed.PeopleAsync(host, secondAmrReviewer);
        var journey = new Journey(host, Seed.Cycle(Opens, closes ?? Closes, budget));
        await host.StartCycleAsync(journey.Cycle);
        await host.AdvanceToAsync(Opens, 9);
        return journey;
    }

    /// <summary>Submits firm A's well-known trademark (cy-amr, 200,000) and GI product (cy-agri, 100,000).</summary>
    public async Task<string> SubmitFirmAAsync(string applicationId = "app-a")
    {
        var wk = await Seed.WellKnownAsync(Host, Seed.FirmA);
        var gi = await Seed.GiProductAsync(Host, Seed.FirmA);
        await Host.SubmitAsync(Seed.Submission(Host, applicationId, Seed.FirmA, CycleId, wk, gi));
        return applicationId;
    }

    /// <summary>Submits firm B's well-known trademark (cy-amr, 200,000).</summary>
    public async Task<string> SubmitFirmBAsync(string applicationId = "app-b", string identifier = "TM-2002")
    {
        var wk = await Seed.WellKnownAsync(Host, Seed.FirmB, identifier);
        await Host.SubmitAsync(Seed.Submission(Host, applicationId, Seed.FirmB, CycleId, wk));
        return applicationId;
    }

    /// <summary>The clerk confirms and every department approves through the mailed links.</summary>
    public async Task ApproveAsync(string applicationId)
    {
        await Host.ClerkApprovesAsync(applicationId);
        var record = await Host.ApplicationAsync(applicationId);
        foreach (var (_, reviewer) in record.ReviewersByDepartment.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            await Host.DecideAsync(reviewer, applicationId, "approve");
        }
    }

    /// <summary>Moves past the window's end: the cycle waits for fiscal approval once every application settled.</summary>
    public Task CloseWindowAsync() => Host.AdvanceToAsync(Closes.AddDays(1), 9);

    /// <summary>Finance approves the batch with a rule (as the API raises it).</summary>
    public Task ApproveFiscalAsync(AllocationRuleKind rule) =>
        Host.RaiseAsync(CycleId, WorkflowEvents.FiscalApproved, new FiscalApprovalEvent(rule, Seed.FinanceEmail, Host.Clock.GetUtcNow()));

    /// <summary>Moves to the morning after the notice's last day: the payout batch is issued.</summary>
    public async Task PassNoticeAsync()
    {
        var cycle = await Host.CycleAsync(CycleId);
        await Host.AdvanceToAsync(cycle.NoticeEndsOn!.Value.AddDays(1), 9);
    }

    public Task<ApplicationRecord> AppAsync(string applicationId) => Host.ApplicationAsync(applicationId);
}
