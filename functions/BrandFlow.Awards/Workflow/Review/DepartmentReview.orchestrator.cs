using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Model;
using Microsoft.DurableTask;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// One department's review of an application's awards: the reviewer is mailed signed links (approve / reject /
/// request information) valid until the end of the review period; a reminder after N working days, an escalation to
/// the department head(s) after M; reassignment, an expired period or an answered request start a new round with new
/// links; decisions for another round are ignored. Returns the decision. See Workflow/README.md.
/// </summary>
public sealed class DepartmentReviewOrchestrator : TaskOrchestrator<ReviewAssignment, ReviewResult>
{
    /// <inheritdoc />
    public override async Task<ReviewResult> RunAsync(TaskOrchestrationContext context, ReviewAssignment input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var review = new ReviewSteps(context, input);
        var withdrawal = context.WaitForExternalEvent<WithdrawEvent>(WorkflowEvents.Withdrawn);
        var reassignment = context.WaitForExternalEvent<ReassignEvent>(WorkflowEvents.ReviewerReassigned);
        var decision = context.WaitForExternalEvent<ReviewDecisionEvent>(WorkflowEvents.ReviewDecided);
        // A review has few rounds (each needs a reviewer's decision, a reassignment or an expired period), so its history
        // stays short without ContinueAsNew, which would also lose the pending event waits.
#pragma warning disable DURABLE0011
        while (true)
#pragma warning restore DURABLE0011
        {
            var period = await review.StartRoundAsync();
            using var timers = new CancellationTokenSource();

            // One timer at a time, for the next of reminder, escalation and expiry: a decided review leaves one
            // cancelled timer behind (a queue message until it is due), not three.
            DateTime[] deadlines = [period.Reminder.DueUtc, period.Escalation.DueUtc, period.Ends.DueUtc];
            var stage = 0;
            var deadline = context.CreateTimer(deadlines[stage], timers.Token);
            var racing = new List<Task> { withdrawal, reassignment, decision, deadline };
            var roundOver = false;
            while (!roundOver)
            {
                var first = await Task.WhenAny(racing);
                racing.Remove(first);
                if (first == withdrawal)
                {
                    timers.Cancel();
                    return review.Result(null);
                }

                if (first == deadline)
                {
                    switch (stage++)
                    {
                        case 0:
                            await review.RecordAsync("review.reminded", MailKind.ReviewReminder, review.Reviewer, null);
                            break;
                        case 1:
                            await review.RecordAsync("review.escalated", MailKind.ReviewEscalated, null, Role.DepartmentHead);
                            break;
                        default:
                            await review.RecordAsync("review.expired", null, null, null);
                            roundOver = true;
                            break;
                    }

                    if (!roundOver)
                    {
                        deadline = context.CreateTimer(deadlines[stage], timers.Token);
                        racing.Add(deadline);
                    }
                }
                else if (first == reassignment)
                {
                    var reassigned = await reassignment;
                    reassignment = context.WaitForExternalEvent<ReassignEvent>(WorkflowEvents.ReviewerReassigned);
                    racing.Add(reassignment);
                    if (reassigned.DepartmentId == input.DepartmentId)
                    {
                        review.Reassign(reassigned);
                        await review.RecordAsync("review.reassigned", null, null, null, reassigned.By);
                        roundOver = true;
                    }
                }
                else
                {
                    var decided = await decision;
                    decision = context.WaitForExternalEvent<ReviewDecisionEvent>(WorkflowEvents.ReviewDecided);
                    racing.Add(decision);
                    if (!review.IsCurrent(decided))
                    {
                        await review.RecordAsync("review.stale-decision-ignored", null, null, null, decided.By);
                        continue;
                    }

                    var recorded = review.Decide(decided);
                    if (decided.Outcome != ReviewOutcome.RequestInformation)
                    {
                        timers.Cancel();
                        return review.Result(recorded);
                    }

                    timers.Cancel();
                    if (await review.RequestInformationAsync(withdrawal))
                    {
                        return review.Result(null);
                    }

                    roundOver = true;
                }
            }

            timers.Cancel();
            review.NextRound();
        }
    }
}
