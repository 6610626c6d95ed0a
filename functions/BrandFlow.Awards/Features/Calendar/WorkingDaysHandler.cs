using BrandFlow.Awards.Calendar;

namespace BrandFlow.Awards.Features.Calendar;

/// <summary>The current working-day calendar (for the hosts and the workflow; no actor).</summary>
public sealed class WorkingDaysHandler
{
    private readonly StoredWorkingDayCalendar calendar;

    /// <summary>Creates the handler over the stored calendar.</summary>
    public WorkingDaysHandler(StoredWorkingDayCalendar calendar) => this.calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));

    /// <summary>The current working-day calendar.</summary>
    public Task<WorkingDayCalendar> HandleAsync(CancellationToken cancellationToken = default) => this.calendar.GetAsync(cancellationToken);
}
