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
    /// Every orchestrator and activity of the award workflow under its contract name: what <see cref="AddAwardWorkflow"/>
    /// registers with a worker and what a host that wraps them (the Azure Functions app) must offer, one function each.
    /// </summary>
    public static IReadOnlyList<WorkflowTask> Tasks { get; } =
    [
        new(WorkflowNames.Application, typeof(AwardApplicationOrchestrator), IsOrchestrator: true),
        new(WorkflowNames.DepartmentReview, typeof(DepartmentReviewOrchestrator), IsOrchestrator: true),
        new(WorkflowNames.Cycle, typeof(AwardCycleOrchestrator), IsOrchestrator: true),
        new(CycleSettlement, typeof(CycleSettlementOrchestrator), IsOrchestrator: true),
        new(Activities.RecordStep, typeof(RecordStepActivity), IsOrchestrator: false),
        new(Activities.Deadlines, typeof(DeadlinesActivity), IsOrchestrator: false),
        new(Activities.EstimateApplication, typeof(EstimateApplicationActivity), IsOrchestrator: false),
        new(Activities.CheckDocuments, typeof(CheckDocumentsActivity), IsOrchestrator: false),
        new(Activities.ReleaseClaims, typeof(ReleaseClaimsActivity), IsOrchestrator: false),
        new(Activities.AssignReviewers, typeof(AssignReviewersActivity), IsOrchestrator: false),
        new(Activities.MailFirms, typeof(MailFirmsActivity), IsOrchestrator: false),
        new(Activities.CountSettlement, typeof(CountSettlementActivity), IsOrchestrator: false),
        new(Activities.Allocate, typeof(AllocateActivity), IsOrchestrator: false),
        new(Activities.ListPayable, typeof(ListPayableActivity), IsOrchestrator: false),
        new(Activities.IssuePayoutChunk, typeof(IssuePayoutChunkActivity), IsOrchestrator: false),
        new(Activities.IssuePayoutAwards, typeof(IssuePayoutAwardsActivity), IsOrchestrator: false),
        new(Activities.WritePaymentFiles, typeof(WritePaymentFilesActivity), IsOrchestrator: false),
        new(Activities.BuildReport, typeof(BuildReportActivity), IsOrchestrator: false),
    ];

    /// <summary>
    /// Adds every orchestrator and activity of the award workflow (<see cref="Tasks"/>) under its contract name. The
    /// worker creates each activity per call from the host's services, so an activity receives exactly the ports its
    /// constructor names.
    /// </summary>
    public static DurableTaskRegistry AddAwardWorkflow(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var task in Tasks)
        {
            if (task.IsOrchestrator)
            {
                registry.AddOrchestrator(task.Name, task.Type);
            }
            else
            {
                registry.AddActivity(task.Name, task.Type);
            }
        }

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

/// <summary>An orchestrator or activity class of the workflow and the name it runs under.</summary>
/// <param name="Name">The contract name (orchestration or activity name).</param>
/// <param name="Type">The <see cref="TaskOrchestrator{TInput, TOutput}"/> or <see cref="TaskActivity{TInput, TOutput}"/> class.</param>
/// <param name="IsOrchestrator">True for an orchestrator.</param>
public sealed record WorkflowTask(string Name, Type Type, bool IsOrchestrator);
