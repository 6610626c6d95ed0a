namespace BrandFlow.Awards.Calendar;

/// <summary>Where the current working-day calendar comes from (it is editable data, read when a date is computed).</summary>
public interface IWorkingDayCalendarSource
{
    /// <summary>The calendar as it stands now.</summary>
    Task<WorkingDayCalendar> GetAsync(CancellationToken cancellationToken = default);
}
