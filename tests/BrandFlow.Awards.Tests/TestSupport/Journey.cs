using BrandFlow.Awards.Model;
using BrandFlow.Awards.Workflow;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.Tests.TestSupport;

/// <summary>
/// Steps of the award journey used by several tests: a 崇阳县 cycle open 2025-09-01..09-12 (the workflow's today is its
/// first day), applications submitted and reviewed through the mailed links, the window closed, fiscal approval on the
/// day after the close, the notice and the payout.
/// </summary>
internal sealed class Journey : IAsyncDisposable
{
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
    public static async Task<Journey> OpenAsync(decimal budget = 1_000_000m, DateOnly? closes = null,
        Func<IAwardLedger, IAwardLedger>? wrapLedger = null, bool secondAmrReviewer = false, Action<TestWorkflowClock>? deadlines = null)
    {
        var host = await AwardTestHost.StartAsync(Opens, wrapLedger);
        host.Clock.DueAtOnce(DeadlineKind.NoticeEnds);
        deadlines?.Invoke(host.Clock);
        await Seed.PeopleAsync(host, secondAmrReviewer);
        var journey = new Journey(host, Seed.Cycle(Opens, closes ?? Closes, budget));
        await host.StartCycleAsync(journey.Cycle);
        await host.UntilCycleAsync(journey.CycleId, CycleStatus.Open);
        return journey;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

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
        await Host.UntilAsync(applicationId, r => r.Status == ApplicationStatus.InReview && r.ReviewersByDepartment.Count > 0, "in review with reviewers");
        var record = await Host.ApplicationAsync(applicationId);
        foreach (var (_, reviewer) in record.ReviewersByDepartment.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            await Host.DecideAsync(reviewer, applicationId, "approve");
        }
    }

    /// <summary>
    /// The window ends (an administrator closes it; its own timer is not due in a test) and the workflow's today becomes
    /// the day after the last day: the cycle waits for fiscal approval once every application settled.
    /// </summary>
    public async Task CloseWindowAsync()
    {
        Host.Clock.Date = Closes.AddDays(1);
        await Host.RaiseAsync(CycleId, WorkflowEvents.CloseWindow, new AdminActionEvent(Seed.AdminEmail, AwardTestHost.Now));
        await Host.UntilAsync(async () => (await Host.CycleAsync(CycleId)).Status is not (CycleStatus.Open or CycleStatus.Scheduled), "window closed");
    }

    /// <summary>Finance approves the batch with a rule (as the API raises it).</summary>
    public async Task ApproveFiscalAsync(AllocationRuleKind rule)
    {
        await Host.UntilCycleAsync(CycleId, CycleStatus.AwaitingFiscalApproval);
        await Host.RaiseAsync(CycleId, WorkflowEvents.FiscalApproved, new FiscalApprovalEvent(rule, Seed.FinanceEmail, AwardTestHost.Now));
        await Host.UntilAsync(
            async () => (await Host.CycleAsync(CycleId)).Status != CycleStatus.AwaitingFiscalApproval
                && (await Host.Applications.ListByCycleAsync(CycleId)).All(a => a.Status != ApplicationStatus.AwaitingFiscalApproval),
            "fiscal approval applied to the cycle and its applications");
    }

    /// <summary>
    /// The notice ends: its deadline (computed when finance approved) falls due after the delay the test gave
    /// <see cref="DeadlineKind.NoticeEnds"/>; waits for the payout batch to be released.
    /// </summary>
    public async Task PassNoticeAsync()
    {
        var cycle = await Host.CycleAsync(CycleId);
        Host.Clock.Date = cycle.NoticeEndsOn!.Value.AddDays(1);
        await Host.UntilAsync(async () => (await Host.CycleAsync(CycleId)).Status is CycleStatus.Paying or CycleStatus.Closed, "payout released");
    }

    public Task<ApplicationRecord> AppAsync(string applicationId) => Host.ApplicationAsync(applicationId);
}
