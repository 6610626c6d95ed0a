using BrandFlow.Awards.Access;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Features;
using BrandFlow.Awards.Features.Applications;
using BrandFlow.Awards.Features.Calendar;
using BrandFlow.Awards.Features.Claims;
using BrandFlow.Awards.Features.Cycles;
using BrandFlow.Awards.Features.Directory;
using BrandFlow.Awards.Features.Fiscal;
using BrandFlow.Awards.Features.Review;
using BrandFlow.Awards.Features.SignIn;
using BrandFlow.Awards.Fiscal;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Workflow;
using BrandFlow.Policy.Catalog;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrandFlow.Awards.Services;

/// <summary>
/// The one entry point behind the JSON API, the pages and the CLI: a thin facade forwarding each operation to its
/// use-case handler under <c>Features/</c>, where the role and ownership checks, the validation, the orchestration
/// calls and the audit entries live.
/// </summary>
public sealed class AwardsService
{
    private readonly AwardsContext context;

    /// <summary>
    /// Creates the service over its ports, the durable client and the catalog. Cheap: a host whose durable client comes
    /// per call (an Azure Functions binding) creates one per call, passing the process's calendar and estimator.
    /// </summary>
    public AwardsService(
        AwardsPorts ports,
        DurableTaskClient client,
        PolicyCatalog catalog,
        SignedLinks links,
        TimeProvider clock,
        AwardsServiceOptions? options = null,
        ILogger<AwardsService>? logger = null,
        StoredWorkingDayCalendar? calendar = null,
        ApplicationEstimator? estimator = null)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(clock);
        var settings = options ?? new AwardsServiceOptions();
        this.context = new AwardsContext(
            ports,
            client,
            catalog,
            links,
            clock,
            settings,
            (ILogger?)logger ?? NullLogger.Instance,
            estimator ?? new ApplicationEstimator(catalog),
            calendar ?? new StoredWorkingDayCalendar(ports.Documents, settings));
    }

    /// <summary>The catalog the service validates against.</summary>
    public PolicyCatalog Catalog => this.context.Catalog;

    /// <summary>The service's settings.</summary>
    public AwardsServiceOptions Options => this.context.Options;

    /// <summary>What the handlers share (to build handlers over the same dependencies).</summary>
    public AwardsContext Context => this.context;

    /// <summary>Submits an application for the actor's firm (see <see cref="SubmitApplicationHandler"/>).</summary>
    public Task<SubmissionReceipt> SubmitApplicationAsync(UserAccount? actor, ClaimsRequest request, CancellationToken cancellationToken = default) => new SubmitApplicationHandler(this.context).HandleAsync(actor, request, cancellationToken);

    /// <summary>One application the actor may see.</summary>
    public Task<ApplicationRecord> GetApplicationAsync(UserAccount? actor, string applicationId, CancellationToken cancellationToken = default) => new GetApplicationHandler(this.context).HandleAsync(actor, applicationId, cancellationToken);

    /// <summary>Applications the actor may see: an applicant its firm's; staff a cycle's (or every cycle's), optionally by status.</summary>
    public Task<IReadOnlyList<ApplicationRecord>> ListApplicationsAsync(UserAccount? actor, string? cycleId = null, ApplicationStatus? status = null, CancellationToken cancellationToken = default) => new ListApplicationsHandler(this.context).HandleAsync(actor, cycleId, status, cancellationToken);

    /// <summary>The applicant's correction of defects, before the correction deadline.</summary>
    public Task SubmitCorrectionAsync(UserAccount? actor, string applicationId, IReadOnlyList<ClaimInput> claims, CancellationToken cancellationToken = default) => new SubmitCorrectionHandler(this.context).HandleAsync(actor, applicationId, claims, cancellationToken);

    /// <summary>The applicant's answer to a department's request for information.</summary>
    public Task ProvideInformationAsync(UserAccount? actor, string applicationId, InformationRequest request, CancellationToken cancellationToken = default) => new ProvideInformationHandler(this.context).HandleAsync(actor, applicationId, request, cancellationToken);

    /// <summary>Withdraws an application (its applicant or an administrator), with a reason, before payment.</summary>
    public Task WithdrawAsync(UserAccount? actor, string applicationId, string? reason, CancellationToken cancellationToken = default) => new WithdrawHandler(this.context).HandleAsync(actor, applicationId, reason, cancellationToken);

    /// <summary>The clerk's confirmation of the document check: approved, or defects sent back.</summary>
    public Task ClerkCheckAsync(UserAccount? actor, string applicationId, ClerkCheckRequest request, CancellationToken cancellationToken = default) => new ClerkCheckHandler(this.context).HandleAsync(actor, applicationId, request, cancellationToken);

    /// <summary>Reassigns a department's review to another reviewer of that department (administrator).</summary>
    public Task ReassignAsync(UserAccount? actor, string applicationId, ReassignRequest request, CancellationToken cancellationToken = default) => new ReassignHandler(this.context).HandleAsync(actor, applicationId, request, cancellationToken);

    /// <summary>An objection (异议) during the public notice: anyone signed in, with a reason.</summary>
    public Task FileObjectionAsync(UserAccount? actor, string applicationId, ObjectionRequest request, CancellationToken cancellationToken = default) => new FileObjectionHandler(this.context).HandleAsync(actor, applicationId, request, cancellationToken);

    /// <summary>The published list of a cycle during its notice: visible to anyone signed in.</summary>
    public Task<IReadOnlyList<NoticeLine>> ListNoticeAsync(UserAccount? actor, string cycleId, CancellationToken cancellationToken = default) => new ListNoticeHandler(this.context).HandleAsync(actor, cycleId, cancellationToken);

    /// <summary>A short-lived read URL of an evidence file: its applicant and the staff assigned to the application only.</summary>
    public Task<Uri> GetEvidenceUrlAsync(UserAccount? actor, string applicationId, string fileId, CancellationToken cancellationToken = default) => new GetEvidenceUrlHandler(this.context).HandleAsync(actor, applicationId, fileId, cancellationToken);

    /// <summary>The calendar as stored (seeding it from the repository file on first use).</summary>
    public Task<CalendarView> GetCalendarAsync(UserAccount? actor, CancellationToken cancellationToken = default) => new GetCalendarHandler(this.context.Calendar).HandleAsync(actor, cancellationToken);

    /// <summary>The current working-day calendar.</summary>
    public Task<WorkingDayCalendar> WorkingDaysAsync(CancellationToken cancellationToken = default) => new WorkingDaysHandler(this.context.Calendar).HandleAsync(cancellationToken);

    /// <summary>Replaces the calendar (administrator) after validating it completely.</summary>
    public Task<CalendarView> ReplaceCalendarAsync(UserAccount? actor, string yaml, CancellationToken cancellationToken = default) => new ReplaceCalendarHandler(this.context).HandleAsync(actor, yaml, cancellationToken);

    /// <summary>Reserves a write-only upload URL for one evidence file of the actor's firm.</summary>
    public Task<UploadSlot> RequestUploadSlotAsync(UserAccount? actor, UploadSlotRequest request, CancellationToken cancellationToken = default) => new RequestUploadSlotHandler(this.context).HandleAsync(actor, request, cancellationToken);

    /// <summary>Validates an uploaded file of the actor's firm; a refused file is deleted and reported as invalid.</summary>
    public Task<EvidenceFile> InspectEvidenceAsync(UserAccount? actor, string fileId, CancellationToken cancellationToken = default) => new InspectEvidenceHandler(this.context).HandleAsync(actor, fileId, cancellationToken);

    /// <summary>The calculator's estimate for the actor's firm under a cycle (no side effect).</summary>
    public Task<EstimateResult> PreviewEstimateAsync(UserAccount? actor, ClaimsRequest request, CancellationToken cancellationToken = default) => new PreviewEstimateHandler(this.context).HandleAsync(actor, request, cancellationToken);

    /// <summary>Opens a cycle (administrator), optionally to start at a later instant.</summary>
    public Task<CycleDefinition> OpenCycleAsync(UserAccount? actor, CycleDefinition definition, DateTimeOffset? startAt = null, CancellationToken cancellationToken = default) => new OpenCycleHandler(this.context).HandleAsync(actor, definition, startAt, cancellationToken);

    /// <summary>Closes a cycle's application window now (administrator).</summary>
    public Task CloseWindowAsync(UserAccount? actor, string cycleId, CancellationToken cancellationToken = default) => new CloseWindowHandler(this.context).HandleAsync(actor, cycleId, cancellationToken);

    /// <summary>Ends a cycle once its payments are issued (administrator).</summary>
    public Task CloseCycleAsync(UserAccount? actor, string cycleId, CancellationToken cancellationToken = default) => new CloseCycleHandler(this.context).HandleAsync(actor, cycleId, cancellationToken);

    /// <summary>Cycles a signed-in person may see: applicants those of their firm's jurisdiction chain, staff all.</summary>
    public Task<IReadOnlyList<CycleRecord>> ListCyclesAsync(UserAccount? actor, CancellationToken cancellationToken = default) => new ListCyclesHandler(this.context).HandleAsync(actor, cancellationToken);

    /// <summary>One cycle (same visibility as the list).</summary>
    public Task<CycleRecord> GetCycleAsync(UserAccount? actor, string cycleId, CancellationToken cancellationToken = default) => new GetCycleHandler(this.context).HandleAsync(actor, cycleId, cancellationToken);

    /// <summary>Registers or updates a firm (administrator).</summary>
    public Task<Firm> UpsertFirmAsync(UserAccount? actor, Firm firm, CancellationToken cancellationToken = default) => new UpsertFirmHandler(this.context).HandleAsync(actor, firm, cancellationToken);

    /// <summary>A firm: its own applicants and staff may read it.</summary>
    public Task<Firm> GetFirmAsync(UserAccount? actor, string creditCode, CancellationToken cancellationToken = default) => new GetFirmHandler(this.context.Ports.Directory).HandleAsync(actor, creditCode, cancellationToken);

    /// <summary>Creates or updates an account (administrator); roles are checked against departments and firms.</summary>
    public Task<UserAccount> UpsertAccountAsync(UserAccount? actor, UserAccount account, CancellationToken cancellationToken = default) => new UpsertAccountHandler(this.context).HandleAsync(actor, account, cancellationToken);

    /// <summary>An account: its owner or an administrator.</summary>
    public Task<UserAccount> GetAccountAsync(UserAccount? actor, string email, CancellationToken cancellationToken = default) => new GetAccountHandler(this.context.Ports.Directory).HandleAsync(actor, email, cancellationToken);

    /// <summary>Staff holding a role, optionally of one department (administrator).</summary>
    public Task<IReadOnlyList<UserAccount>> ListStaffAsync(UserAccount? actor, Role role, string? departmentId, CancellationToken cancellationToken = default) => new ListStaffHandler(this.context.Ports.Directory).HandleAsync(actor, role, departmentId, cancellationToken);

    /// <summary>The audit log of a subject (staff only; an applicant may read its own applications' logs).</summary>
    public Task<IReadOnlyList<AuditEntry>> GetAuditLogAsync(UserAccount? actor, string subjectId, CancellationToken cancellationToken = default) => new GetAuditLogHandler(this.context.Ports).HandleAsync(actor, subjectId, cancellationToken);

    /// <summary>Mail sends that failed for good (administrator).</summary>
    public Task<IReadOnlyList<MailFailure>> ListMailFailuresAsync(UserAccount? actor, CancellationToken cancellationToken = default) => new ListMailFailuresHandler(this.context.Ports.MailFailures).HandleAsync(actor, cancellationToken);

    /// <summary>Simulates a cycle's batch under a rule against its budgets (finance, administrator); no side effect.</summary>
    public Task<AllocationResult> SimulateFiscalAsync(UserAccount? actor, string cycleId, AllocationRuleKind rule, CancellationToken cancellationToken = default) => new SimulateFiscalHandler(this.context).HandleAsync(actor, cycleId, rule, cancellationToken);

    /// <summary>Approves a cycle's batch under a rule (finance): the cycle applies the same allocation the simulation shows.</summary>
    public Task<AllocationResult> ApproveFiscalAsync(UserAccount? actor, string cycleId, AllocationRuleKind rule, CancellationToken cancellationToken = default) => new ApproveFiscalHandler(this.context).HandleAsync(actor, cycleId, rule, cancellationToken);

    /// <summary>The treasury payment file of a cycle's batch as CSV or XLSX (finance, administrator).</summary>
    public Task<PaymentFile> GetPaymentFileAsync(UserAccount? actor, string cycleId, string format, CancellationToken cancellationToken = default) => new GetPaymentFileHandler(this.context).HandleAsync(actor, cycleId, format, cancellationToken);

    /// <summary>Imports a bank confirmation file (finance); re-importing is harmless.</summary>
    public Task<ConfirmationImport> ImportBankConfirmationsAsync(UserAccount? actor, string cycleId, Stream csv, CancellationToken cancellationToken = default) => new ImportBankConfirmationsHandler(this.context).HandleAsync(actor, cycleId, csv, cancellationToken);

    /// <summary>Decides a review round from a decision link (its recipient, a reviewer of the department; once per round).</summary>
    public Task<ReviewDecisionEvent> DecideByLinkAsync(UserAccount? actor, DecisionRequest request, CancellationToken cancellationToken = default) => new DecideByLinkHandler(this.context).HandleAsync(actor, request, cancellationToken);

    /// <summary>Describes a decision link for its confirmation page (what, for whom, whether it still works); no side effect.</summary>
    public Task<DecisionLinkView> DescribeDecisionLinkAsync(UserAccount? actor, string token, CancellationToken cancellationToken = default) => new DescribeDecisionLinkHandler(this.context.Links, this.context.Ports.Applications).HandleAsync(actor, token, cancellationToken);

    /// <summary>Mails a sign-in link when an account exists for the email (answering the same either way).</summary>
    public Task RequestSignInLinkAsync(string? email, CancellationToken cancellationToken = default) => new RequestSignInLinkHandler(this.context).HandleAsync(email, cancellationToken);

    /// <summary>Describes a sign-in link for its confirmation page; no side effect.</summary>
    public SignInLinkView DescribeSignInLink(string? token) => new DescribeSignInLinkHandler(this.context.Links).Handle(token);

    /// <summary>Uses a sign-in link (once): returns the account to issue the session for.</summary>
    public Task<UserAccount> CompleteSignInAsync(string? token, CancellationToken cancellationToken = default) => new CompleteSignInHandler(this.context).HandleAsync(token, cancellationToken);

    /// <summary>The account of a signed-in email (read fresh on every request, so role changes apply at once).</summary>
    public Task<UserAccount?> FindAccountAsync(string email, CancellationToken cancellationToken = default) => new FindAccountHandler(this.context.Ports.Directory).HandleAsync(email, cancellationToken);
}
