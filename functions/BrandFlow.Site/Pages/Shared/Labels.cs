using BrandFlow.Awards.Model;
using BrandFlow.Policy.Catalog;

namespace BrandFlow.Site.Pages.Shared;

/// <summary>Bilingual names of statuses, states, roles and audit actions shown on pages.</summary>
public static class Labels
{
    /// <summary>An application status.</summary>
    public static Text Status(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => new("已提交，自动检查中", "Submitted, automatic check running"),
        ApplicationStatus.AwaitingClerk => new("待形式审查", "Awaiting the document check"),
        ApplicationStatus.AwaitingCorrection => new("待补正", "Awaiting correction"),
        ApplicationStatus.Lapsed => new("逾期未补正", "Lapsed (not corrected in time)"),
        ApplicationStatus.InReview => new("部门审核中", "In departmental review"),
        ApplicationStatus.AwaitingInformation => new("待补充材料", "Awaiting more information"),
        ApplicationStatus.Rejected => new("未通过", "Rejected"),
        ApplicationStatus.AwaitingFiscalApproval => new("待财政审批", "Awaiting fiscal approval"),
        ApplicationStatus.Waitlisted => new("候补", "Waitlisted"),
        ApplicationStatus.InPublicNotice => new("公示中", "In public notice"),
        ApplicationStatus.Objected => new("有异议，复核中", "Objected, back in review"),
        ApplicationStatus.PayoutIssued => new("已下达拨付指令", "Payment instructed"),
        ApplicationStatus.Paid => new("已拨付到账", "Paid"),
        ApplicationStatus.Withdrawn => new("已撤回", "Withdrawn"),
        _ => new(status.ToString(), status.ToString()),
    };

    /// <summary>CSS class of a status badge.</summary>
    public static string StatusClass(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Paid or ApplicationStatus.InPublicNotice or ApplicationStatus.PayoutIssued => "status good",
        ApplicationStatus.Rejected or ApplicationStatus.Lapsed or ApplicationStatus.Withdrawn => "status bad",
        _ => "status",
    };

    /// <summary>A cycle status.</summary>
    public static Text Cycle(CycleStatus status) => status switch
    {
        CycleStatus.Scheduled => new("待开始", "Scheduled"),
        CycleStatus.Open => new("受理中", "Open"),
        CycleStatus.Reviewing => new("审核中", "Reviewing"),
        CycleStatus.AwaitingFiscalApproval => new("待财政审批", "Awaiting fiscal approval"),
        CycleStatus.PublicNotice => new("公示中", "Public notice"),
        CycleStatus.Paying => new("拨付中", "Paying"),
        CycleStatus.Closed => new("已结束", "Closed"),
        _ => new(status.ToString(), status.ToString()),
    };

    /// <summary>An award line's state.</summary>
    public static Text AwardState(string state) => state switch
    {
        "pending" => new("待审核", "pending"),
        "approved" => new("已同意", "approved"),
        "rejected" => new("未同意", "rejected"),
        "waitlisted" => new("候补", "waitlisted"),
        "held" => new("因异议暂停", "held (objection)"),
        "paid" => new("已拨付", "paid"),
        _ => new(state, state),
    };

    /// <summary>A review outcome.</summary>
    public static Text Outcome(ReviewOutcome outcome) => outcome switch
    {
        ReviewOutcome.Approve => new("同意", "Approve"),
        ReviewOutcome.Reject => new("不同意", "Reject"),
        _ => new("要求补充材料", "Ask for more information"),
    };

    /// <summary>An allocation rule.</summary>
    public static Text Rule(AllocationRuleKind rule) => rule == AllocationRuleKind.ProRata
        ? new("按比例分配", "Pro-rata")
        : new("按优先顺序（先到先得，其余候补）", "Priority order (first come, first served; the rest wait)");

    /// <summary>An audit action code, named for people; unknown codes are shown as they are.</summary>
    public static Text Action(string action) => action switch
    {
        "application.submitted" => new("提交申报", "Application submitted"),
        "application.corrected" => new("提交补正", "Correction submitted"),
        "application.information-provided" => new("提交补充材料", "Information provided"),
        "application.withdrawn" => new("撤回申报", "Withdrawn"),
        "clerk.approved" => new("形式审查通过", "Document check passed"),
        "clerk.returned" => new("退回补正", "Sent back for correction"),
        "review.approve" => new("部门审核同意", "Review: approved"),
        "review.reject" => new("部门审核不同意", "Review: rejected"),
        "review.request-information" => new("部门要求补充材料", "Review: more information asked"),
        "review.reassigned" => new("审核人员变更", "Reviewer reassigned"),
        "review.link-forwarded" => new("转发的审核链接被拒绝", "Forwarded review link refused"),
        "notice.objection" => new("公示期异议", "Objection filed"),
        "evidence.read" => new("查看材料", "Evidence viewed"),
        "fiscal.approved" => new("财政审批通过", "Fiscal approval"),
        _ => new(action, action),
    };

    /// <summary>The name of a catalog department, or its id.</summary>
    public static Text Department(PolicyCatalog catalog, string departmentId)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Documents.SelectMany(d => d.Departments).FirstOrDefault(d => d.Id == departmentId)?.Name ?? new(departmentId, departmentId);
    }

    /// <summary>The title of a catalog clause, or its id.</summary>
    public static Text Clause(PolicyCatalog catalog, string clauseId)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Clauses.FirstOrDefault(c => c.Id == clauseId)?.Title ?? new(clauseId, clauseId);
    }

    /// <summary>The name of a treasury, or its id.</summary>
    public static Text Treasury(PolicyCatalog catalog, string treasuryId)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Treasuries.TryGetValue(treasuryId, out var treasury) ? treasury.Name : new(treasuryId, treasuryId);
    }
}
