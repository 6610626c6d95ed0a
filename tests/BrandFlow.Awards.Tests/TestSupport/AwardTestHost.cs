using System.Text.RegularExpressions;
using BrandFlow.Awards.Access;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.InMemory;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Workflow;
using BrandFlow.Durable;
using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.InMemory;
using BrandFlow.Durable.Worker;
using BrandFlow.Policy.Catalog;
using BrandFlow.Policy.Loading;
using Microsoft.Extensions.Time.Testing;

namespace BrandFlow.Awards.Tests.TestSupport;

/// <summary>
/// The award workflow on the in-memory durable backend with a fake clock and in-memory ports. Work is processed
/// deterministically by <see cref="DrainAsync"/>; <see cref="AdvanceToAsync"/> moves the clock in steps so every timer
/// fires at its own time. Events are raised the way the API raises them.
/// </summary>
internal sealed partial class AwardTestHost
{
    public static readonly byte[] LinkKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private static readonly Lazy<PolicyCatalog> SharedCatalog = new(() => CatalogLoader.LoadDirectory(RepoPaths.Policies));

    public AwardTestHost(DateTimeOffset start, IFaultInjectionHook? hook = null, Func<IAwardLedger, IAwardLedger>? wrapLedger = null, IMailSender? mail = null)
    {
        Clock = new FakeTimeProvider(start);
        Hook = hook ?? NoFaultInjection.Instance;
        Backend = new InMemoryOrchestrationService(Clock, Hook) { LockTimeout = TimeSpan.FromMinutes(1) };
        var options = new DurableTaskWorkerOptions { TimeProvider = Clock, FaultInjectionHook = Hook };
        Client = new DurableTaskClient(Backend, new DurableTaskClientOptions { TimeProvider = Clock, PollingInterval = TimeSpan.FromMilliseconds(5) });
        Evidence = new InMemoryEvidenceStore(Clock);
        Links = new SignedLinks(LinkKey, Clock);
        Calendar = new WorkingDayCalendar(CalendarData.Parse(File.ReadAllText(RepoPaths.Calendar)));
        Env = new AwardEnvironment
        {
            Catalog = SharedCatalog.Value,
            Directory = Directory,
            Applications = Applications,
            Ledger = wrapLedger is null ? Ledger : wrapLedger(Ledger),
            Claims = Claims,
            Audit = Audit,
            Tokens = Tokens,
            Evidence = Evidence,
            Documents = Documents,
            Mail = mail ?? Mail,
            Calendar = AwardEnvironment.FixedCalendar(Calendar),
            Links = Links,
            PublicBaseUri = BaseUri,
            Time = Clock,
        };
        AwardWorkflow.Register(Registry, Env);
        Orchestrations = new OrchestrationDispatcher(Backend, Registry, options);
        Activities = new ActivityDispatcher(Backend, Registry, options);
    }

    public static Uri BaseUri { get; } = new("https://brandflow.test/");

    public FakeTimeProvider Clock { get; }

    public IFaultInjectionHook Hook { get; }

    public InMemoryOrchestrationService Backend { get; }

    public DurableTaskRegistry Registry { get; } = new();

    public DurableTaskClient Client { get; }

    public OrchestrationDispatcher Orchestrations { get; }

    public ActivityDispatcher Activities { get; }

    public AwardEnvironment Env { get; }

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

    /// <summary>Processes ready work until none is left.</summary>
    public async Task<int> DrainAsync(int maxWorkItems = 200_000)
    {
        var processed = 0;
        var progress = true;
        while (progress && processed < maxWorkItems)
        {
            progress = false;
            while (await Backend.LockNextOrchestrationWorkItemAsync(CancellationToken.None) is { } orchestration)
            {
                await Orchestrations.ProcessOrchestrationWorkItemAsync(orchestration);
                processed++;
                progress = true;
            }

            while (await Backend.LockNextActivityWorkItemAsync(CancellationToken.None) is { } activity)
            {
                await Activities.ProcessActivityWorkItemAsync(activity);
                processed++;
                progress = true;
            }
        }

        return processed;
    }

    /// <summary>Drains; returns true when an injected fault "killed the process".</summary>
    public async Task<bool> DrainUntilCrashAsync()
    {
        try
        {
            await DrainAsync();
            return false;
        }
        catch (InjectedFaultException)
        {
            return true;
        }
    }

    /// <summary>Moves the clock to an instant in steps (one hour by default), draining after each.</summary>
    public async Task AdvanceToAsync(DateTimeOffset target, TimeSpan? step = null)
    {
        var by = step ?? TimeSpan.FromHours(1);
        await DrainAsync();
        while (Clock.GetUtcNow() < target)
        {
            var next = Clock.GetUtcNow() + by;
            Clock.SetUtcNow(next < target ? next : target);
            await DrainAsync();
        }
    }

    /// <summary>Moves the clock to a CST date and hour.</summary>
    public Task AdvanceToAsync(DateOnly date, int hourCst = 9) =>
        AdvanceToAsync(new DateTimeOffset(date.ToDateTime(new TimeOnly(hourCst, 0)), ChinaTime.Offset));

    /// <summary>The CST date of the fake clock.</summary>
    public DateOnly Today => ChinaTime.DateOf(Clock.GetUtcNow());

    public async Task StartCycleAsync(CycleDefinition cycle)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Cycle, cycle, new StartOrchestrationOptions(cycle.CycleId));
        await DrainAsync();
    }

    public async Task SubmitAsync(ApplicationSubmission submission)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Application, submission, new StartOrchestrationOptions(submission.ApplicationId));
        await DrainAsync();
    }

    public async Task RaiseAsync(string instanceId, string eventName, object payload)
    {
        await Client.RaiseEventAsync(instanceId, eventName, payload);
        await DrainAsync();
    }

    public async Task<ApplicationRecord> ApplicationAsync(string applicationId) =>
        await Applications.GetAsync(applicationId) ?? throw new InvalidOperationException($"no read model for {applicationId}");

    public async Task<CycleRecord> CycleAsync(string cycleId) =>
        await Applications.GetCycleAsync(cycleId) ?? throw new InvalidOperationException($"no read model for {cycleId}");

    public async Task<OrchestrationMetadata> InstanceAsync(string instanceId) =>
        await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true) ?? throw new InvalidOperationException($"no instance {instanceId}");

    public Task ClerkApprovesAsync(string applicationId) =>
        RaiseAsync(applicationId, WorkflowEvents.ClerkChecked, new ClerkCheckEvent(Seed.ClerkEmail, true, [], Clock.GetUtcNow()));

    /// <summary>
    /// Decides a review the way a reviewer does: takes the latest review-request mail sent to the reviewer for the
    /// application, reads the link for the action, validates its token with <see cref="SignedLinks"/>, consumes it once
    /// and raises ReviewDecided with the round the token names. Returns the claims used.
    /// </summary>
    public async Task<LinkClaims> DecideAsync(string reviewer, string applicationId, string action, string? reason = null)
    {
        var token = LatestLinkToken(reviewer, applicationId, action)
            ?? throw new InvalidOperationException($"no '{action}' link mailed to {reviewer} for {applicationId}");
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
        if (!await Tokens.TryConsumeAsync(WorkflowIds.ReviewRound(applicationId, department, round), actingUser, Clock.GetUtcNow()))
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
            new ReviewDecisionEvent(department, round, outcome, actingUser, reason ?? claims.Action, Clock.GetUtcNow()));
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
        foreach (var instruction in Ledger.Instructions.Where(i => i.PaidOn is null && i.BatchId.StartsWith(batchPrefix, StringComparison.Ordinal)))
        {
            Assert.True(await Ledger.MarkPaidAsync(instruction.Reference, Today));
            await Client.RaiseEventAsync(instruction.ApplicationId, WorkflowEvents.PaymentConfirmed,
                new PaymentConfirmationEvent(instruction.AwardId, instruction.Reference, true, Today, null));
        }

        await DrainAsync();
    }

    [GeneratedRegex(@"review/decide\?t=([A-Za-z0-9_\-\.%~]+)")]
    private static partial Regex LinkPattern();
}
