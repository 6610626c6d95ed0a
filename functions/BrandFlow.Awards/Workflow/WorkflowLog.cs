using Microsoft.Extensions.Logging;

namespace BrandFlow.Awards.Workflow;

/// <summary>The workflow's log messages, with stable event ids (1000–1099 activities, 1100–1199 orchestrations).</summary>
internal static partial class WorkflowLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Step {Action} recorded for {SubjectId} with {MailCount} mail request(s)")]
    public static partial void StepRecorded(ILogger logger, string action, string subjectId, int mailCount);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "{Count} deadline(s) computed for {InstanceId}, today {Today}")]
    public static partial void DeadlinesComputed(ILogger logger, int count, string instanceId, DateOnly today);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Application {ApplicationId} estimated: {AwardCount} award line(s), {RefusalCount} refusal(s)")]
    public static partial void Estimated(ILogger logger, string applicationId, int awardCount, int refusalCount);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Application {ApplicationId} could not be estimated: {Reason}")]
    public static partial void EstimateFailed(ILogger logger, string applicationId, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Documents of {ApplicationId} checked: {DefectCount} defect(s)")]
    public static partial void DocumentsChecked(ILogger logger, string applicationId, int defectCount);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Department {DepartmentId} has no reviewer for {ApplicationId}; an administrator must add one")]
    public static partial void NoReviewer(ILogger logger, string departmentId, string applicationId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "{Count} firm(s) of {Jurisdiction} mailed ({Kind})")]
    public static partial void FirmsMailed(ILogger logger, int count, string jurisdiction, string kind);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "{Count} payout instruction(s) issued in batch {BatchId}")]
    public static partial void PayoutsIssued(ILogger logger, int count, string batchId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Payment files of batch {BatchId} written: {Count} instruction(s)")]
    public static partial void PaymentFilesWritten(ILogger logger, string batchId, int count);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Report of cycle {CycleId} built: {AwardsPaid} award(s) paid")]
    public static partial void ReportBuilt(ILogger logger, string cycleId, int awardsPaid);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Application {ApplicationId} ended {Status}")]
    public static partial void ApplicationEnded(ILogger logger, string applicationId, string status);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Cycle {CycleId} is now {Status} ({Action})")]
    public static partial void CycleStep(ILogger logger, string cycleId, string status, string action);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Review {InstanceId} round {Round} decided {Outcome}")]
    public static partial void ReviewDecided(ILogger logger, string instanceId, int round, string outcome);
}
