using Microsoft.DurableTask;

namespace BrandFlow.Awards.Workflow;

/// <summary>Calls the <see cref="RecordStepActivity"/> from orchestrations (deterministic code).</summary>
public static class StepRecorder
{
    /// <summary>
    /// Records a step with retries. When it still fails and the step has mails, the state change is recorded again
    /// without them: a mail provider that keeps failing must not stop an application (the sender lists its failures to
    /// administrators, and a mail.failed audit entry notes it). A step that fails without mails is a storage failure and throws.
    /// </summary>
    public static async Task RecordAsync(TaskOrchestrationContext context, StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            await context.CallActivityAsync<bool>(AwardWorkflow.Activities.RecordStep, step, Retry.Default);
        }
        catch (TaskFailedException failure) when (step.Mails.Count > 0)
        {
            await context.CallActivityAsync<bool>(AwardWorkflow.Activities.RecordStep, step with { Mails = [] }, Retry.Default);
            if (step.Audit is { } audit)
            {
                var note = new AuditNote(audit.SubjectId, "mail.failed", "system",
                    $"{audit.Action}: 邮件发送失败 / mail not sent: {failure.FailureDetails.ErrorMessage}", $"{audit.Key}:mail-failed");
                await context.CallActivityAsync<bool>(AwardWorkflow.Activities.RecordStep, new StepRecord(null, null, note, step.At, []), Retry.Default);
            }
        }
    }
}
