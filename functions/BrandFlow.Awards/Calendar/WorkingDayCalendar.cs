namespace BrandFlow.Awards.Calendar;

/// <summary>One year's official arrangement (国务院办公厅关于部分节假日安排的通知).</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Notice">Citation of the State Council notice (e.g. 国办发明电〔2023〕7号).</param>
/// <param name="Holidays">Days off that would otherwise be working days (weekdays within holidays).</param>
/// <param name="WorkingWeekends">Make-up working days falling on Saturday or Sunday (调休上班).</param>
public sealed record CalendarYear(int Year, string Notice, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> WorkingWeekends);

/// <summary>
/// China's working-day calendar: Monday–Friday except official holidays, plus make-up working weekends. Editable data
/// (policies/calendar/china-working-days.yaml, then the document store); a date in a year with no data is refused.
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>Builds the calendar from years of data; throws when years overlap or a day is listed as both.</summary>
    public WorkingDayCalendar(IEnumerable<CalendarYear> years) => throw new NotImplementedException();

    /// <summary>The years covered.</summary>
    public IReadOnlyList<CalendarYear> Years => throw new NotImplementedException();

    /// <summary>True on a working day. Throws <see cref="CalendarOutOfRangeException"/> for a year without data.</summary>
    public bool IsWorkingDay(DateOnly date) => throw new NotImplementedException();

    /// <summary>The date of the n-th working day after <paramref name="start"/> (start itself not counted; n ≥ 1).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays) => throw new NotImplementedException();

    /// <summary>Working days in (from, to]: how many working days have passed since <paramref name="from"/>.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to) => throw new NotImplementedException();
}

/// <summary>A date outside the years the calendar has data for.</summary>
public sealed class CalendarOutOfRangeException(DateOnly date)
    : InvalidOperationException($"工作日历没有 {date.Year} 年的数据 / the working-day calendar has no data for {date.Year}")
{
    /// <summary>The date asked for.</summary>
    public DateOnly Date { get; } = date;
}
