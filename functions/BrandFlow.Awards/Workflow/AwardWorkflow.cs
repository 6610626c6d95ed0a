using BrandFlow.Durable;

namespace BrandFlow.Awards.Workflow;

/// <summary>Registers the award workflow (orchestrators and activities) with a durable worker's registry.</summary>
public static class AwardWorkflow
{
    /// <summary>Name of the cycle's settlement watcher (sub-orchestration of the cycle, see Cycle/README.md).</summary>
    public const string CycleSettlement = "CycleSettlement";

    /// <summary>Instance id of a cycle's settlement watcher for a phase ("review" or "payment").</summary>
    public static string SettlementId(string cycleId, string phase) => $"{cycleId}~settle~{phase}";

    /// <summary>Adds every orchestrator and activity of the award workflow; activities reach the world through <paramref name="env"/>.</summary>
    public static DurableTaskRegistry Register(DurableTaskRegistry registry, AwardEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(env);
        registry.AddOrchestrator(new TaskName(WorkflowNames.Application), () => new AwardApplicationOrchestrator());
        registry.AddOrchestrator(new TaskName(WorkflowNames.DepartmentReview), () => new DepartmentReviewOrchestrator());
        registry.AddOrchestrator(new TaskName(WorkflowNames.Cycle), () => new AwardCycleOrchestrator());
        registry.AddOrchestrator(new TaskName(CycleSettlement), () => new CycleSettlementOrchestrator());

        registry.AddActivity(new TaskName(Activities.RecordStep), () => new RecordStepActivity(env));
        registry.AddActivity(new TaskName(Activities.WorkingDays), () => new WorkingDaysActivity(env));
        registry.AddActivity(new TaskName(Activities.EstimateApplication), () => new EstimateApplicationActivity(env));
        registry.AddActivity(new TaskName(Activities.CheckDocuments), () => new CheckDocumentsActivity(env));
        registry.AddActivity(new TaskName(Activities.ReleaseClaims), () => new ReleaseClaimsActivity(env));
        registry.AddActivity(new TaskName(Activities.AssignReviewers), () => new AssignReviewersActivity(env));
        registry.AddActivity(new TaskName(Activities.MailFirms), () => new MailFirmsActivity(env));
        registry.AddActivity(new TaskName(Activities.CountSettlement), () => new CountSettlementActivity(env));
        registry.AddActivity(new TaskName(Activities.Allocate), () => new AllocateActivity(env));
        registry.AddActivity(new TaskName(Activities.ListPayable), () => new ListPayableActivity(env));
        registry.AddActivity(new TaskName(Activities.IssuePayoutChunk), () => new IssuePayoutChunkActivity(env));
        registry.AddActivity(new TaskName(Activities.IssuePayoutAwards), () => new IssuePayoutAwardsActivity(env));
        registry.AddActivity(new TaskName(Activities.WritePaymentFiles), () => new WritePaymentFilesActivity(env));
        registry.AddActivity(new TaskName(Activities.BuildReport), () => new BuildReportActivity(env));
        return registry;
    }

    /// <summary>Activity names.</summary>
    public static class Activities
    {
        /// <summary>Saves read models, appends the audit entry, sends the mails of one step.</summary>
        public const string RecordStep = "RecordStep";

        /// <summary>Dates n working days after a CST date.</summary>
        public const string WorkingDays = "WorkingDays";

        /// <summary>The calculator's estimate of a submission.</summary>
        public const string EstimateApplication = "EstimateApplication";

        /// <summary>The automatic document check.</summary>
        public const string CheckDocuments = "CheckDocuments";

        /// <summary>Gives claimed hashes and identifiers back.</summary>
        public const string ReleaseClaims = "ReleaseClaims";

        /// <summary>Picks a reviewer per department.</summary>
        public const string AssignReviewers = "AssignReviewers";

        /// <summary>Mails every registered firm of a jurisdiction.</summary>
        public const string MailFirms = "MailFirms";

        /// <summary>Counts a cycle's applications of a phase and those not settled.</summary>
        public const string CountSettlement = "CountSettlement";

        /// <summary>Fiscal allocation of a cycle's approved awards under a rule.</summary>
        public const string Allocate = "Allocate";

        /// <summary>Applications of a cycle with awards to pay.</summary>
        public const string ListPayable = "ListPayable";

        /// <summary>Instructions and ledger rows for a chunk of applications.</summary>
        public const string IssuePayoutChunk = "IssuePayoutChunk";

        /// <summary>Instructions and ledger rows for named awards of one application.</summary>
        public const string IssuePayoutAwards = "IssuePayoutAwards";

        /// <summary>Treasury payment files of a batch.</summary>
        public const string WritePaymentFiles = "WritePaymentFiles";

        /// <summary>The cycle report.</summary>
        public const string BuildReport = "BuildReport";
    }
}
