using BrandFlow.Awards.Calendar;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// Computes deadlines on the current working-day calendar and the workflow clock. It is an activity, not orchestrator
/// code, because both are outside the orchestration (the calendar is editable data, today is the clock's): the dates
/// and instants an instance was given are recorded in its history and stay the same on replay.
/// </summary>
public sealed class DeadlinesActivity(IWorkingDayCalendarSource calendars, IWorkflowClock clock, ILogger<DeadlinesActivity> logger) : TaskActivity<IReadOnlyList<DeadlineQuery>, DeadlineAnswer>
{
    /// <inheritdoc />
    public override async Task<DeadlineAnswer> RunAsync(TaskActivityContext context, IReadOnlyList<DeadlineQuery> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var today = clock.Today();
        WorkingDayCalendar? calendar = null;
        var deadlines = new List<Deadline>(input.Count);
        foreach (var query in input)
        {
            DateOnly date;
            if (query.On is { } on)
            {
                date = on;
            }
            else if (query.WorkingDays <= 0)
            {
                date = today;
            }
            else
            {
                calendar ??= await calendars.GetAsync(CancellationToken.None);
                date = calendar.AddWorkingDays(today, query.WorkingDays);
            }

            deadlines.Add(new Deadline(query.Kind, date, clock.DueUtc(query.Kind, date)));
        }

        WorkflowLog.DeadlinesComputed(logger, deadlines.Count, context.InstanceId, today);
        return new DeadlineAnswer(today, deadlines);
    }
}
