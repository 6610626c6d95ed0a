using Microsoft.DurableTask;

namespace BrandFlow.Awards.Workflow;

/// <summary>Registers the award workflow (orchestrators and activities) with a Durable Task worker's registry.</summary>
public static class AwardWorkflow
{
    /// <summary>Name of the cycle's settlement watcher (sub-orchestration of the cycle, see Cycle/README.md).</summary>
    public const string CycleSettlement = "CycleSettlement";

    /// <summary>Instance id of a cycle's settlement watcher for a phase ("review" or "payment").</summary>
    public static string SettlementId(string cycleId, string phase) => $"{cycleId}~settle~{phase}";

    /// <summary>
    /// Adds every orchestrator and activity of the award workflow under its contract name. The worker creates each
    /// activity per call from the host's services, so an activity receives exactly the ports its constructor names.
    /// </summary>
    public static DurableTaskRegistry AddAwardWorkflow(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<AwardApplicationOrchestrator>(WorkflowNames.Application);
        registry.AddOrchestrator<DepartmentReviewOrchestrator>(WorkflowNames.DepartmentReview);
        registry.AddOrchestrator<AwardCycleOrchestrator>(WorkflowNames.Cycle);
        registry.AddOrchestrator<CycleSettlementOrchestrator>(CycleSettlement);

        registry.AddActivity<RecordStepActivity>(Activities.RecordStep);
        registry.AddActivity<DeadlinesActivity>(Activities.Deadlines);
        registry.AddActivity<EstimateApplicationActivity>(Activities.EstimateApplication);
        registry.AddActivity<CheckDocumentsActivity>(Activities.CheckDocuments);
        registry.AddActivity<ReleaseClaimsActivity>(Activities.ReleaseClaims);
        registry.AddActivity<AssignReviewersActivity>(Activities.AssignReviewers);
        registry.AddActivity<MailFirmsActivity>(Activities.MailFirms);
        registry.AddActivity<CountSettlementActivity>(Activities.CountSettlement);
        registry.AddActivity<AllocateActivity>(Activities.Allocate);
        registry.AddActivity<ListPayableActivity>(Activities.ListPayable);
        registry.AddActivity<IssuePayoutChunkActivity>(Activities.IssuePayoutChunk);
        registry.AddActivity<IssuePayoutAwardsActivity>(Activities.IssuePayoutAwards);
        registry.AddActivity<WritePaymentFilesActivity>(Activities.WritePaymentFiles);
        registry.AddActivity<BuildReportActivity>(Activities.BuildReport);
        return registry;
    }

    /// <summary>Activity names.</summary>
    public static class Activities
    {
        /// <summary>Saves read models, appends the audit entry, sends the mails of one step.</summary>
        public const string RecordStep = "RecordStep";

        /// <summary>Deadlines on the working-day calendar and the workflow clock (<see cref="DeadlinesActivity"/>).</summary>
        public const string Deadlines = "Deadlines";

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
