using BrandFlow.Durable;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// Working-day arithmetic on the current calendar. It is an activity, not orchestrator code, because the calendar is
/// editable data: the dates an instance computed are recorded in its history and stay the same on replay.
/// </summary>
public sealed class WorkingDaysActivity(AwardEnvironment env) : AwardActivity<WorkingDayQuery, IReadOnlyList<DateOnly>>(env)
{
    /// <inheritdoc />
    public override async Task<IReadOnlyList<DateOnly>> RunAsync(TaskActivityContext context, WorkingDayQuery input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var calendar = await Env.Calendar(context.CancellationToken);
        return input.Offsets.Select(n => n <= 0 ? input.From : calendar.AddWorkingDays(input.From, n)).ToList();
    }
}
