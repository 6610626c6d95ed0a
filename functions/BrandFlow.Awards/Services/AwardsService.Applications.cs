using System.Globalization;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Awards.Services;

/// <summary>Applications: submit, read, correct, answer, withdraw; the clerk's check; objections; evidence reads.</summary>
public sealed partial class AwardsService
{
    private static readonly ApplicationStatus[] Finished =
        [ApplicationStatus.Lapsed, ApplicationStatus.Rejected, ApplicationStatus.Paid, ApplicationStatus.Withdrawn, ApplicationStatus.PayoutIssued];

    /// <summary>
    /// Submits an application for the actor's firm: the cycle must be open today (CST), the claims valid for the
    /// calculator and every evidence file inspected and owned by the firm; then the application orchestration starts.
    /// </summary>
    public async Task<SubmissionReceipt> SubmitApplicationAsync(UserAccount? actor, ClaimsRequest request, CancellationToken cancellationToken = default)
    {
        var (who, firm) = await this.ApplicantFirmAsync(actor, cancellationToken);
        ArgumentNullException.ThrowIfNull(request);
        var cycle = await this.CycleForFirmAsync(request.CycleId, firm, cancellationToken);
        var today = this.Today;
        if (cycle.Status != CycleStatus.Open || today < cycle.Definition.OpensOn || today > cycle.Definition.ClosesOn)
        {
            throw new AwardsException(
                "cycle-not-open", 409,
                $"申报年度“{cycle.Definition.TitleZh}”今天不受理申报（受理期 {cycle.Definition.OpensOn:yyyy-MM-dd} 至 {cycle.Definition.ClosesOn:yyyy-MM-dd}）",
                $"Cycle '{cycle.Definition.TitleEn}' does not accept applications today (window {cycle.Definition.OpensOn:yyyy-MM-dd} to {cycle.Definition.ClosesOn:yyyy-MM-dd})",
                "cycleId");
        }

        var (evidence, estimate) = await this.ValidateClaimsAsync(cycle.Definition, firm, request.Claims, cancellationToken);
        var applicationId = string.Create(CultureInfo.InvariantCulture, $"{cycle.Definition.CycleId}-{Guid.NewGuid():N}")[..(cycle.Definition.CycleId.Length + 13)];
        var now = this.Now;
        var submission = new ApplicationSubmission(applicationId, cycle.Definition.CycleId, firm, who.Email, request.Claims, evidence, now);
        await this.client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Application, submission, new StartOrchestrationOptions(applicationId), cancellationToken);
        await this.AuditAsync(applicationId, "application.submitted", who, Json(new { cycle.Definition.CycleId, firm.CreditCode, claims = request.Claims.Count, estimate.Total }), cancellationToken);
        return new SubmissionReceipt(applicationId, cycle.Definition.CycleId, ApplicationStatus.Submitted, now, estimate.Total);
    }

    /// <summary>One application the actor may see.</summary>
    public async Task<ApplicationRecord> GetApplicationAsync(UserAccount? actor, string applicationId, CancellationToken cancellationToken = default) =>
        await this.VisibleApplicationAsync(AccessRules.SignedIn(actor), applicationId, cancellationToken);

    /// <summary>Applications the actor may see: an applicant its firm's; staff a cycle's (or every cycle's), optionally by status.</summary>
    public async Task<IReadOnlyList<ApplicationRecord>> ListApplicationsAsync(UserAccount? actor, string? cycleId = null, ApplicationStatus? status = null, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.SignedIn(actor);
        IEnumerable<ApplicationRecord> found;
        if (!AccessRules.IsStaff(who))
        {
            var own = who.CreditCode is { Length: > 0 } code ? await this.ports.Applications.ListByFirmAsync(code, cancellationToken) : [];
            found = own.Where(a => (cycleId is null || a.CycleId == cycleId) && (status is null || a.Status == status));
        }
        else
        {
            var cycles = cycleId is not null ? [cycleId] : (await this.ports.Applications.ListCyclesAsync(cancellationToken)).Select(c => c.Definition.CycleId).ToList();
            var all = new List<ApplicationRecord>();
            foreach (var id in cycles)
            {
                all.AddRange(await this.ports.Applications.ListByCycleAsync(id, status, cancellationToken));
            }

            found = all;
        }

        return found.Where(a => AccessRules.CanSee(who, a)).OrderByDescending(a => a.SubmittedAt).ToList();
    }

    /// <summary>The applicant's correction of defects, before the correction deadline.</summary>
    public async Task SubmitCorrectionAsync(UserAccount? actor, string applicationId, IReadOnlyList<ClaimInput> claims, CancellationToken cancellationToken = default)
    {
        var (who, firm) = await this.ApplicantFirmAsync(actor, cancellationToken);
        var application = await this.OwnApplicationAsync(who, applicationId, cancellationToken);
        RequireStatus(application, ApplicationStatus.AwaitingCorrection, "补正", "correction");
        if (application.CorrectionDeadline is { } deadline && this.Today > deadline)
        {
            throw AwardsErrors.WrongState($"补正期限 {deadline:yyyy-MM-dd} 已过", $"The correction deadline {deadline:yyyy-MM-dd} has passed");
        }

        var cycle = await this.ExistingCycleAsync(application.CycleId, cancellationToken);
        var (evidence, _) = await this.ValidateClaimsAsync(cycle.Definition, firm, claims, cancellationToken);
        await this.client.RaiseEventAsync(applicationId, WorkflowEvents.CorrectionSubmitted, new CorrectionEvent(who.Email, claims, evidence, this.Now), cancellationToken);
        await this.AuditAsync(applicationId, "application.corrected", who, Json(new { claims = claims.Count, files = evidence.Count }), cancellationToken);
    }

    /// <summary>The applicant's answer to a department's request for information.</summary>
    public async Task ProvideInformationAsync(UserAccount? actor, string applicationId, InformationRequest request, CancellationToken cancellationToken = default)
    {
        var (who, firm) = await this.ApplicantFirmAsync(actor, cancellationToken);
        ArgumentNullException.ThrowIfNull(request);
        var application = await this.OwnApplicationAsync(who, applicationId, cancellationToken);
        RequireStatus(application, ApplicationStatus.AwaitingInformation, "补充材料", "information");
        var answer = Required(request.Answer, "answer", "答复", "Answer");
        var department = request.DepartmentId
            ?? application.Decisions.LastOrDefault(d => d.Outcome == ReviewOutcome.RequestInformation)?.DepartmentId
            ?? throw AwardsErrors.Invalid("departmentId", "请指明答复哪个部门", "Say which department the answer is for");
        if (!AccessRules.Departments(application).Contains(department))
        {
            throw AwardsErrors.Invalid("departmentId", $"部门“{department}”不审核该申报", $"Department '{department}' does not review this application");
        }

        var evidence = await this.InspectAllAsync(firm, [(request.EvidenceFileIds ?? [], "evidenceFileIds")], cancellationToken);
        await this.client.RaiseEventAsync(WorkflowIds.Review(applicationId, department), WorkflowEvents.InformationProvided, new InformationEvent(who.Email, answer, evidence, this.Now), cancellationToken);
        await this.AuditAsync(applicationId, "application.information-provided", who, Json(new { department, answer, files = evidence.Count }), cancellationToken);
    }

    /// <summary>Withdraws an application (its applicant or an administrator), with a reason, before payment.</summary>
    public async Task WithdrawAsync(UserAccount? actor, string applicationId, string? reason, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.SignedIn(actor);
        var application = await this.VisibleApplicationAsync(who, applicationId, cancellationToken);
        if (!AccessRules.IsOwner(who, application) && !who.Has(Role.Administrator))
        {
            throw AwardsErrors.Forbidden("只有申报单位或管理员可以撤回申报", "Only the applicant or an administrator can withdraw an application");
        }

        if (Finished.Contains(application.Status))
        {
            throw AwardsErrors.WrongState("该申报已结束或已拨付，不能撤回", "The application has ended or been paid and cannot be withdrawn");
        }

        var why = Required(reason, "reason", "撤回原因", "Reason");
        await this.client.RaiseEventAsync(applicationId, WorkflowEvents.Withdrawn, new WithdrawEvent(who.Email, why, this.Now), cancellationToken);
        await this.AuditAsync(applicationId, "application.withdrawn", who, why, cancellationToken);
    }

    /// <summary>The clerk's confirmation of the document check: approved, or defects sent back.</summary>
    public async Task ClerkCheckAsync(UserAccount? actor, string applicationId, ClerkCheckRequest request, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.Require(actor, Role.Clerk);
        ArgumentNullException.ThrowIfNull(request);
        var application = await this.VisibleApplicationAsync(who, applicationId, cancellationToken);
        RequireStatus(application, ApplicationStatus.AwaitingClerk, "形式审查", "clerk check");
        var defects = request.Defects ?? [];
        if (!request.Approved && defects.Count == 0)
        {
            throw AwardsErrors.Invalid("defects", "退回补正时须列明问题", "List the defects when sending an application back");
        }

        var errors = new List<FieldError>();
        for (var i = 0; i < defects.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(defects[i].MessageZh) && string.IsNullOrWhiteSpace(defects[i].MessageEn))
            {
                errors.Add(new FieldError($"defects[{i}]", "问题说明不能为空", "A defect needs a message"));
            }

            if (defects[i].ClaimId is { } claim && !application.Claims.Any(c => c.ClaimId == claim))
            {
                errors.Add(new FieldError($"defects[{i}].claimId", $"申报项“{claim}”不存在", $"No claim '{claim}'"));
            }
        }

        if (errors.Count > 0)
        {
            throw AwardsErrors.Invalid(errors);
        }

        var normalised = defects.Select(d => d with
        {
            Code = string.IsNullOrWhiteSpace(d.Code) ? "clerk" : d.Code,
            MessageZh = string.IsNullOrWhiteSpace(d.MessageZh) ? d.MessageEn : d.MessageZh,
            MessageEn = string.IsNullOrWhiteSpace(d.MessageEn) ? d.MessageZh : d.MessageEn,
        }).ToList();
        await this.client.RaiseEventAsync(applicationId, WorkflowEvents.ClerkChecked, new ClerkCheckEvent(who.Email, request.Approved, normalised, this.Now), cancellationToken);
        await this.AuditAsync(applicationId, request.Approved ? "clerk.approved" : "clerk.returned", who, Json(normalised), cancellationToken);
    }

    /// <summary>Reassigns a department's review to another reviewer of that department (administrator).</summary>
    public async Task ReassignAsync(UserAccount? actor, string applicationId, ReassignRequest request, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.Require(actor, Role.Administrator);
        ArgumentNullException.ThrowIfNull(request);
        var application = await this.VisibleApplicationAsync(who, applicationId, cancellationToken);
        if (application.Status is not (ApplicationStatus.InReview or ApplicationStatus.AwaitingInformation or ApplicationStatus.Objected))
        {
            throw AwardsErrors.WrongState("该申报不在部门审核中", "The application is not in departmental review");
        }

        if (!AccessRules.Departments(application).Contains(request.DepartmentId ?? string.Empty))
        {
            throw AwardsErrors.Invalid("departmentId", $"部门“{request.DepartmentId}”不审核该申报", $"Department '{request.DepartmentId}' does not review this application");
        }

        var email = NormaliseEmail(request.NewReviewer, "newReviewer");
        var reviewer = await this.ports.Directory.GetUserAsync(email, cancellationToken);
        if (reviewer is null || !reviewer.Has(Role.Reviewer) || reviewer.DepartmentId != request.DepartmentId)
        {
            throw AwardsErrors.Invalid("newReviewer", $"“{email}”不是该部门的审核人员", $"'{email}' is not a reviewer of that department");
        }

        await this.client.RaiseEventAsync(WorkflowIds.Review(applicationId, request.DepartmentId!), WorkflowEvents.ReviewerReassigned, new ReassignEvent(request.DepartmentId!, email, who.Email, this.Now), cancellationToken);
        await this.AuditAsync(applicationId, "review.reassigned", who, Json(new { request.DepartmentId, email }), cancellationToken);
    }

    /// <summary>An objection (异议) during the public notice: anyone signed in, with a reason.</summary>
    public async Task FileObjectionAsync(UserAccount? actor, string applicationId, ObjectionRequest request, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.SignedIn(actor);
        ArgumentNullException.ThrowIfNull(request);
        var application = await this.ports.Applications.GetAsync(applicationId, cancellationToken);
        if (application is null || (application.Status != ApplicationStatus.InPublicNotice && !AccessRules.CanSee(who, application)))
        {
            throw AwardsErrors.NotFound("申报", "application", applicationId);
        }

        RequireStatus(application, ApplicationStatus.InPublicNotice, "公示", "public notice");
        var cycle = await this.ports.Applications.GetCycleAsync(application.CycleId, cancellationToken);
        if (cycle?.NoticeEndsOn is { } ends && this.Today > ends)
        {
            throw AwardsErrors.WrongState($"公示期已于 {ends:yyyy-MM-dd} 结束", $"The public notice ended on {ends:yyyy-MM-dd}");
        }

        var reason = Required(request.Reason, "reason", "异议理由", "Reason");
        if (request.AwardId is { } award && !application.Awards.Any(a => a.AwardId == award))
        {
            throw AwardsErrors.Invalid("awardId", $"奖项“{award}”不属于该申报", $"Award '{award}' is not part of this application");
        }

        await this.client.RaiseEventAsync(applicationId, WorkflowEvents.ObjectionFiled, new ObjectionEvent(request.AwardId, who.Email, reason, this.Now), cancellationToken);
        await this.AuditAsync(applicationId, "notice.objection", who, Json(new { request.AwardId, reason }), cancellationToken);
    }

    /// <summary>The published list of a cycle during its notice: visible to anyone signed in.</summary>
    public async Task<IReadOnlyList<NoticeLine>> ListNoticeAsync(UserAccount? actor, string cycleId, CancellationToken cancellationToken = default)
    {
        AccessRules.SignedIn(actor);
        var cycle = await this.ExistingCycleAsync(cycleId, cancellationToken);
        var listed = await this.ports.Applications.ListByCycleAsync(cycleId, ApplicationStatus.InPublicNotice, cancellationToken);
        return listed.SelectMany(a => a.Awards.Where(l => l.State == "approved" && l.ApprovedAmount > 0)
                .Select(l => new NoticeLine(a.ApplicationId, a.Firm.Name, a.Firm.CreditCode, l.AwardId, l.ClauseId, l.ApprovedAmount!.Value, cycle.NoticeEndsOn)))
            .ToList();
    }

    /// <summary>A short-lived read URL of an evidence file: its applicant and the staff assigned to the application only.</summary>
    public async Task<Uri> GetEvidenceUrlAsync(UserAccount? actor, string applicationId, string fileId, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.SignedIn(actor);
        var application = await this.VisibleApplicationAsync(who, applicationId, cancellationToken);
        if (!AccessRules.CanReadEvidence(who, application))
        {
            throw AwardsErrors.Forbidden("只有申报单位和经办工作人员可以查看材料", "Only the applicant and the staff assigned can read the evidence");
        }

        if (!application.Evidence.Any(f => f.FileId == fileId))
        {
            throw AwardsErrors.NotFound("材料", "evidence file", fileId);
        }

        var url = await this.ports.Evidence.CreateReadUrlAsync(fileId, this.options.EvidenceReadLifetime, cancellationToken);
        await this.AuditAsync(applicationId, "evidence.read", who, fileId, cancellationToken);
        return url;
    }

    private async Task<ApplicationRecord> OwnApplicationAsync(UserAccount who, string applicationId, CancellationToken cancellationToken)
    {
        var application = await this.VisibleApplicationAsync(who, applicationId, cancellationToken);
        return AccessRules.IsOwner(who, application)
            ? application
            : throw AwardsErrors.Forbidden("只有申报单位可以执行此操作", "Only the applicant can do this");
    }

    private static void RequireStatus(ApplicationRecord application, ApplicationStatus expected, string stepZh, string stepEn)
    {
        if (application.Status != expected)
        {
            throw AwardsErrors.WrongState($"该申报当前不在{stepZh}阶段（当前：{application.Status}）", $"The application is not at the {stepEn} step (now: {application.Status})");
        }
    }
}
