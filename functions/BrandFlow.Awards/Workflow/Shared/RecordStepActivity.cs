using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// Records one state change: read model(s), audit entry, mails. Safe to repeat: the read model keeps the highest
/// revision, the audit log and the mail sender ignore a key they have seen.
/// </summary>
public sealed class RecordStepActivity(IApplicationStore applications, IAuditLog audit, MailOut mail, ILogger<RecordStepActivity> logger) : TaskActivity<StepRecord, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, StepRecord input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var token = CancellationToken.None;
        if (input.Application is { } application)
        {
            await applications.SaveAsync(application, token);
        }

        if (input.Cycle is { } cycle)
        {
            await applications.SaveCycleAsync(cycle, token);
        }

        if (input.Audit is { } note)
        {
            await audit.AppendAsync(new AuditEntry(note.SubjectId, note.Action, note.Actor, input.At, note.Detail, note.Key), token);
        }

        foreach (var request in input.Mails)
        {
            await mail.SendAsync(request, token);
        }

        WorkflowLog.StepRecorded(logger, input.Audit?.Action ?? "state", input.Audit?.SubjectId ?? input.Application?.ApplicationId ?? input.Cycle?.Definition.CycleId ?? "-", input.Mails.Count);
        return true;
    }
}
