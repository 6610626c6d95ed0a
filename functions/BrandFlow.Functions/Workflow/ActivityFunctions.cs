using BrandFlow.Awards.Model;
using BrandFlow.Awards.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace BrandFlow.Functions.Workflow;

/// <summary>
/// The award workflow's activities as activity functions, each under its contract name. Each call creates the activity
/// class from the invocation's services (so it receives exactly the ports its constructor names, as on the local
/// engine) and runs it with the trigger's input.
/// </summary>
public static class ActivityFunctions
{
    /// <summary>Runs <see cref="RecordStepActivity"/>.</summary>
    [Function(AwardWorkflow.Activities.RecordStep)]
    public static Task<bool> RunRecordStepAsync([ActivityTrigger] StepRecord input, FunctionContext context) =>
        RunAsync<RecordStepActivity, StepRecord, bool>(AwardWorkflow.Activities.RecordStep, input, context);

    /// <summary>Runs <see cref="DeadlinesActivity"/>.</summary>
    [Function(AwardWorkflow.Activities.Deadlines)]
    public static Task<DeadlineAnswer> RunDeadlinesAsync([ActivityTrigger] IReadOnlyList<DeadlineQuery> input, FunctionContext context) =>
        RunAsync<DeadlinesActivity, IReadOnlyList<DeadlineQuery>, DeadlineAnswer>(AwardWorkflow.Activities.Deadlines, input, context);

    /// <summary>Runs <see cref="EstimateApplicationActivity"/>.</summary>
    [Function(AwardWorkflow.Activities.EstimateApplication)]
    public static Task<EstimateResult> RunEstimateApplicationAsync([ActivityTrigger] EstimateRequest input, FunctionContext context) =>
        RunAsync<EstimateApplicationActivity, EstimateRequest, EstimateResult>(AwardWorkflow.Activities.EstimateApplication, input, context);

    /// <summary>Runs <see cref="CheckDocumentsActivity"/>.</summary>
    [Function(AwardWorkflow.Activities.CheckDocuments)]
    public static Task<DocumentCheckResult> RunCheckDocumentsAsync([ActivityTrigger] DocumentCheckRequest input, FunctionContext context) =>
        RunAsync<CheckDocumentsActivity, DocumentCheckRequest, DocumentCheckResult>(AwardWorkflow.Activities.CheckDocuments, input, context);

    /// <summary>Runs <see cref="ReleaseClaimsActivity"/>.</summary>
    [Function(AwardWorkflow.Activities.ReleaseClaims)]
    public static Task<bool> RunReleaseClaimsAsync([ActivityTrigger] ClaimRelease input, FunctionContext context) =>
        RunAsync<ReleaseClaimsActivity, ClaimRelease, bool>(AwardWorkflow.Activities.ReleaseClaims, input, context);

    /// <summary>Runs <see cref="AssignReviewersActivity"/>.</summary>
    [Function(AwardWorkflow.Activities.AssignReviewers)]
    public static Task<IReadOnlyDictionary<string, string>> RunAssignReviewersAsync([ActivityTrigger] ReviewerPick input, FunctionContext context) =>
        RunAsync<AssignReviewersActivity, ReviewerPick, IReadOnlyDictionary<string, string>>(AwardWorkflow.Activities.AssignReviewers, input, context);

    /// <summary>Runs <see cref="MailFirmsActivity"/>.</summary>
    [Function(AwardWorkflow.Activities.MailFirms)]
    public static Task<FirmMailingPage> RunMailFirmsAsync([ActivityTrigger] FirmMailing input, FunctionContext context) =>
        RunAsync<MailFirmsActivity, FirmMailing, FirmMailingPage>(AwardWorkflow.Activities.MailFirms, input, context);

    /// <summary>Runs <see cref="CountSettlementActivity"/>.</summary>
    [Function(AwardWorkflow.Activities.CountSettlement)]
    public static Task<SettlementCount> RunCountSettlementAsync([ActivityTrigger] SettlementWatch input, FunctionContext context) =>
        RunAsync<CountSettlementActivity, SettlementWatch, SettlementCount>(AwardWorkflow.Activities.CountSettlement, input, context);

    /// <summary>Runs <see cref="AllocateActivity"/>.</summary>
    [Function(AwardWorkflow.Activities.Allocate)]
    public static Task<CycleAllocation> RunAllocateAsync([ActivityTrigger] AllocationRequest input, FunctionContext context) =>
        RunAsync<AllocateActivity, AllocationRequest, CycleAllocation>(AwardWorkflow.Activities.Allocate, input, context);

    /// <summary>Runs <see cref="ListPayableActivity"/>.</summary>
    [Function(AwardWorkflow.Activities.ListPayable)]
    public static Task<IReadOnlyList<string>> RunListPayableAsync([ActivityTrigger] string input, FunctionContext context) =>
        RunAsync<ListPayableActivity, string, IReadOnlyList<string>>(AwardWorkflow.Activities.ListPayable, input, context);

    /// <summary>Runs <see cref="IssuePayoutChunkActivity"/>.</summary>
    [Function(AwardWorkflow.Activities.IssuePayoutChunk)]
    public static Task<int> RunIssuePayoutChunkAsync([ActivityTrigger] PayoutChunk input, FunctionContext context) =>
        RunAsync<IssuePayoutChunkActivity, PayoutChunk, int>(AwardWorkflow.Activities.IssuePayoutChunk, input, context);

    /// <summary>Runs <see cref="IssuePayoutAwardsActivity"/>.</summary>
    [Function(AwardWorkflow.Activities.IssuePayoutAwards)]
    public static Task<int> RunIssuePayoutAwardsAsync([ActivityTrigger] PayoutAwards input, FunctionContext context) =>
        RunAsync<IssuePayoutAwardsActivity, PayoutAwards, int>(AwardWorkflow.Activities.IssuePayoutAwards, input, context);

    /// <summary>Runs <see cref="WritePaymentFilesActivity"/>.</summary>
    [Function(AwardWorkflow.Activities.WritePaymentFiles)]
    public static Task<int> RunWritePaymentFilesAsync([ActivityTrigger] string input, FunctionContext context) =>
        RunAsync<WritePaymentFilesActivity, string, int>(AwardWorkflow.Activities.WritePaymentFiles, input, context);

    /// <summary>Runs <see cref="BuildReportActivity"/>.</summary>
    [Function(AwardWorkflow.Activities.BuildReport)]
    public static Task<CycleReport> RunBuildReportAsync([ActivityTrigger] string input, FunctionContext context) =>
        RunAsync<BuildReportActivity, string, CycleReport>(AwardWorkflow.Activities.BuildReport, input, context);

    /// <summary>Creates <typeparamref name="TActivity"/> from the invocation's services and runs it.</summary>
    internal static Task<TOut> RunAsync<TActivity, TIn, TOut>(string name, TIn input, FunctionContext context)
        where TActivity : TaskActivity<TIn, TOut>
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = ActivatorUtilities.CreateInstance<TActivity>(context.InstanceServices);
        return activity.RunAsync(FunctionActivityContext.For(name, context), input);
    }
}
