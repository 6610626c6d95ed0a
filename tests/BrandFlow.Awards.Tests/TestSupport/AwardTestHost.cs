using System.Text.RegularExpressions;
using BrandFlow.Awards.Access;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.InMemory;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Workflow;
using BrandFlow.Engine.Local;
using BrandFlow.Policy.Catalog;
using BrandFlow.Policy.Loading;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Awards.Tests.TestSupport;

/// <summary>
/// The award workflow on the official Durable Task engine (the local engine's in-memory backend) with in-memory ports.
/// Time is real; the workflow's legal "today" and when its deadlines fall due come from <see cref="TestWorkflowClock"/>.
/// Events are raised the way the API raises them; each step waits until the workflow has gone quiet (nothing written
/// for a short while) or, better, until a condition holds (<see cref="UntilAsync"/>).
/// </summary>
internal sealed partial class AwardTestHost : IAsyncDisposable
{
    public static readonly byte[] LinkKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private static readonly TimeSpan QuietFor = TimeSpan.FromMilliseconds(600);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly Lazy<PolicyCatalog> SharedCatalog = new(() => CatalogLoader.LoadDirectory(Repository.Policies));

    private readonly IHost host;

    private AwardTestHost(DateOnly today, Func<IAwardLedger, IAwardLedger>? wrapLedger, IMailSender? mail)
    {
        Clock = new TestWorkflowClock(today);
        Evidence = new InMemoryEvidenceStore(TimeProvider.System);
        Links = new SignedLinks(LinkKey, TimeProvider.System);
        Calendar = new WorkingDayCalendar(CalendarData.Parse(File.ReadAllText(Repository.Calendar)));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var services = builder.Services;
        services.AddSingleton(SharedCatalog.Value);
        services.AddSingleton<IDirectory>(Directory);
        services.AddSingleton<IApplicationStore>(Applications);
        services.AddSingleton(wrapLedger is null ? Ledger : wrapLedger(Ledger));
        services.AddSingleton<IClaimRegistry>(Claims);
        services.AddSingleton<IAuditLog>(Audit);
        services.AddSingleton<IOneTimeTokenStore>(Tokens);
        services.AddSingleton<IEvidenceStore>(Evidence);
        services.AddSingleton<IDocumentStore>(Documents);
        services.AddSingleton(mail ?? Mail);
        services.AddSingleton(Links);
        services.AddSingleton(new WorkflowLinks(BaseUri));
        services.AddSingleton<IWorkingDayCalendarSource>(new FixedCalendar(Calendar));
        services.AddSingleton<IWorkflowClock>(Clock);
        services.AddAwardWorkflowServices();
        services.AddLocalDurableEngine(o => o.StorageConnectionString = null, r => r.AddAwardWorkflow());
        this.host = builder.Build();
        Client = this.host.Services.GetRequiredService<DurableTaskClient>();
    }

    /// <summary>Starts a host whose workflow clock reads <paramref name="today"/>.</summary>
    public static async Task<AwardTestHost> StartAsync(DateOnly today, Func<IAwardLedger, IAwardLedger>? wrapLedger = null, IMailSender? mail = null)
    {
        var test = new AwardTestHost(today, wrapLedger, mail);
        await test.host.StartAsync();
        return test;
    }

    public static Uri BaseUri { get; } = new("https://brandflow.test/");

    public TestWorkflowClock Clock { get; }

    public DurableTaskClient Client { get; }

    public WorkingDayCalendar Calendar { get; }

    public SignedLinks Links { get; }

    public InMemoryDirectory Directory { get; } = new();

    public InMemoryApplicationStore Applications { get; } = new();

    public InMemoryAwardLedger Ledger { get; } = new();

    public InMemoryClaimRegistry Claims { get; } = new();

    public InMemoryAuditLog Audit { get; } = new();

    public InMemoryOneTimeTokenStore Tokens { get; } = new();

    public InMemoryEvidenceStore Evidence { get; }

    public InMemoryDocumentStore Documents { get; } = new();

    public InMemoryMailSender Mail { get; } = new();

    /// <summary>The workflow's legal date today.</summary>
    public DateOnly Today => Clock.Date;

    /// <summary>Now (real time: the engine's timers are real).</summary>
    public static DateTimeOffset Now => DateTimeOffset.UtcNow;

    public async ValueTask DisposeAsync()
    {
        await this.host.StopAsync();
        this.host.Dispose();
    }

    /// <summary>Waits until nothing has been written (audit, mail, ledger) for a short while.</summary>
    public async Task QuietAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        var last = Writes();
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow - since < QuietFor)
        {
            Assert.True(DateTime.UtcNow < deadline, "the workflow did not go quiet within a minute");
            await Task.Delay(25);
            var now = Writes();
            if (now != last)
            {
                (last, since) = (now, DateTime.UtcNow);
            }
        }
    }

    /// <summary>Waits until a condition holds (then until the workflow is quiet); fails with the condition's text after a minute.</summary>
    public async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for: {what}");
            }

            await Task.Delay(25);
        }

        await QuietAsync();
    }

    /// <summary>Waits until an application's read model satisfies a condition.</summary>
    public Task UntilAsync(string applicationId, Func<ApplicationRecord, bool> condition, string what) =>
        UntilAsync(async () => await Applications.GetAsync(applicationId) is { } r && condition(r), $"{applicationId}: {what}");

    /// <summary>Waits until an application reaches a status.</summary>
    public Task UntilStatusAsync(string applicationId, ApplicationStatus status) =>
        UntilAsync(applicationId, r => r.Status == status, $"status {status}");

    /// <summary>Waits until a cycle reaches a status.</summary>
    public Task UntilCycleAsync(string cycleId, CycleStatus status) =>
        UntilAsync(async () => await Applications.GetCycleAsync(cycleId) is { } c && c.Status == status, $"cycle {cycleId} {status}");

    /// <summary>Waits until an orchestration instance completes (or fails), and returns it.</summary>
    public async Task<OrchestrationMetadata> CompletedAsync(string instanceId)
    {
        using var cancel = new CancellationTokenSource(Patience);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancel.Token);
    }

    public async Task StartCycleAsync(CycleDefinition cycle)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Cycle, cycle, new StartOrchestrationOptions(cycle.CycleId));
        await UntilAsync(async () => await Applications.GetCycleAsync(cycle.CycleId) is not null, $"cycle {cycle.CycleId} recorded");
    }

    public async Task SubmitAsync(ApplicationSubmission submission)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Application, submission, new StartOrchestrationOptions(submission.ApplicationId));
        await UntilAsync(async () => await Applications.GetAsync(submission.ApplicationId) is not null || await IsEndedAsync(submission.ApplicationId),
            $"{submission.ApplicationId} recorded");
    }

    public async Task RaiseAsync(string instanceId, string eventName, object payload)
    {
        await Client.RaiseEventAsync(instanceId, eventName, payload);
        await QuietAsync();
    }

    public async Task<ApplicationRecord> ApplicationAsync(string applicationId) =>
        await Applications.GetAsync(applicationId) ?? throw new InvalidOperationException($"no read model for {applicationId}");

    public async Task<CycleRecord> CycleAsync(string cycleId) =>
        await Applications.GetCycleAsync(cycleId) ?? throw new InvalidOperationException($"no read model for {cycleId}");

    private async Task<bool> IsEndedAsync(string instanceId) =>
        await Client.GetInstanceAsync(instanceId) is { RuntimeStatus: OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed };

    private int Writes() => Audit.All.Count + Mail.Sent.Count + Ledger.Instructions.Count + Ledger.Entries.Count;

    public async Task<OrchestrationMetadata> InstanceAsync(string instanceId) =>
        await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true) ?? throw new InvalidOperationException($"no instance {instanceId}");

    public Task ClerkApprovesAsync(string applicationId) =>
        RaiseAsync(applicationId, WorkflowEvents.ClerkChecked, new ClerkCheckEvent(Seed.ClerkEmail, true, [], Now));

    /// <summary>
    /// Decides a review the way a reviewer does: takes the latest review-request mail sent to the reviewer for the
    /// application, reads the link for the action, validates its token with <see cref="SignedLinks"/>, consumes it once
    /// and raises ReviewDecided with the round the token names. Returns the claims used.
    /// </summary>
    public async Task<LinkClaims> DecideAsync(string reviewer, string applicationId, string action, string? reason = null)
    {
        await UntilAsync(() => Task.FromResult(LatestLinkToken(reviewer, applicationId, action) is not null), $"an '{action}' link mailed to {reviewer} for {applicationId}");
        var token = LatestLinkToken(reviewer, applicationId, action)!;
        return await DecideWithTokenAsync(token, reviewer, reason);
    }

    /// <summary>Uses a specific token (e.g. a stale one kept from an earlier mail).</summary>
    public async Task<LinkClaims> DecideWithTokenAsync(string token, string actingUser, string? reason = null)
    {
        var (claims, failure) = Links.Validate(token, ReviewSteps.LinkPurpose);
        if (claims is null)
        {
            throw new InvalidOperationException($"link refused: {failure}");
        }

        if (!string.Equals(claims.Recipient, actingUser, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("link belongs to someone else");
        }

        var parts = claims.Subject.Split('/');
        var (applicationId, department, round) = (parts[0], parts[1], int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        if (!await Tokens.TryConsumeAsync(WorkflowIds.ReviewRound(applicationId, department, round), actingUser, Now))
        {
            throw new InvalidOperationException("link already used");
        }

        var outcome = claims.Action switch
        {
            "approve" => ReviewOutcome.Approve,
            "reject" => ReviewOutcome.Reject,
            _ => ReviewOutcome.RequestInformation,
        };
        await RaiseAsync(WorkflowIds.Review(applicationId, department), WorkflowEvents.ReviewDecided,
            new ReviewDecisionEvent(department, round, outcome, actingUser, reason ?? claims.Action, Now));
        return claims;
    }

    /// <summary>The token of the latest link for an action in review mails to a reviewer about an application.</summary>
    public string? LatestLinkToken(string reviewer, string applicationId, string action)
    {
        foreach (var mail in Mail.To(reviewer).Reverse())
        {
            foreach (Match match in LinkPattern().Matches(mail.HtmlBody + "\n" + mail.TextBody))
            {
                var token = Uri.UnescapeDataString(match.Groups[1].Value);
                var (claims, _) = Links.Validate(token, ReviewSteps.LinkPurpose);
                if (claims is not null && claims.Action == action && claims.Subject.StartsWith(applicationId + "/", StringComparison.Ordinal))
                {
                    return token;
                }
            }
        }

        return null;
    }

    /// <summary>Imports bank confirmations for every unpaid instruction of a batch (as the API does) and raises PaymentConfirmed.</summary>
    public async Task ConfirmPaymentsAsync(string batchPrefix)
    {
        var confirmed = new List<PayoutInstruction>();
        foreach (var instruction in Ledger.Instructions.Where(i => i.PaidOn is null && i.BatchId.StartsWith(batchPrefix, StringComparison.Ordinal)).ToList())
        {
            confirmed.Add(instruction);
            Assert.True(await Ledger.MarkPaidAsync(instruction.Reference, Today));
            await Client.RaiseEventAsync(instruction.ApplicationId, WorkflowEvents.PaymentConfirmed,
                new PaymentConfirmationEvent(instruction.AwardId, instruction.Reference, true, Today, null));
        }

        await UntilAsync(
            () => Task.FromResult(confirmed.All(i => Audit.All.Any(e => e.SubjectId == i.ApplicationId && e.Action == "payment.confirmed" && e.Detail!.StartsWith(i.AwardId + " ", StringComparison.Ordinal)))),
            "every confirmation recorded");
    }

    private sealed class FixedCalendar(WorkingDayCalendar calendar) : IWorkingDayCalendarSource
    {
        public Task<WorkingDayCalendar> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(calendar);
    }

    [GeneratedRegex(@"review/decide\?t=([A-Za-z0-9_\-\.%~]+)")]
    private static partial Regex LinkPattern();
}
