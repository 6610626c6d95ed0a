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
    private readonly HashSet<int> coveredYears;
    private readonly HashSet<DateOnly> holidays;
    private readonly HashSet<DateOnly> workingWeekends;

    /// <summary>Builds the calendar from years of data; throws when years overlap or a day is listed as both.</summary>
    public WorkingDayCalendar(IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        List<CalendarYear> list = [.. years];
        List<CalendarError> errors = CalendarRules.Check(list);
        if (errors.Count > 0)
        {
            throw new ArgumentException(CalendarError.Join(errors), nameof(years));
        }

        Years = [.. list.OrderBy(y => y.Year)];
        coveredYears = [.. list.Select(y => y.Year)];
        holidays = [.. list.SelectMany(y => y.Holidays)];
        workingWeekends = [.. list.SelectMany(y => y.WorkingWeekends)];
    }

    /// <summary>The years covered.</summary>
    public IReadOnlyList<CalendarYear> Years { get; }

    /// <summary>Builds the calendar from the YAML data (see <see cref="CalendarData.Parse"/>).</summary>
    public static WorkingDayCalendar FromYaml(string yaml) => new(CalendarData.Parse(yaml));

    /// <summary>True when the calendar has data for the date's year.</summary>
    public bool Covers(DateOnly date) => coveredYears.Contains(date.Year);

    /// <summary>True on a working day. Throws <see cref="CalendarOutOfRangeException"/> for a year without data.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (!Covers(date))
        {
            throw new CalendarOutOfRangeException(date);
        }

        if (holidays.Contains(date))
        {
            return false;
        }

        return workingWeekends.Contains(date) || date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The date of the n-th working day after <paramref name="start"/> (start itself not counted; n ≥ 1).</summary>
    /// <remarks>n = 0 returns <paramref name="start"/> unchanged. A public notice of N working days opened on day D
    /// ends at the end of <c>AddWorkingDays(D, N)</c>.</remarks>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        DateOnly date = start;
        int counted = 0;
        while (counted < workingDays)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>Working days in (from, to]: how many working days have passed since <paramref name="from"/>.</summary>
    /// <remarks>0 when <paramref name="to"/> is not after <paramref name="from"/>.</remarks>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        int count = 0;
        for (DateOnly date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The date itself when it is a working day, else the next working day.</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly date) => IsWorkingDay(date) ? date : AddWorkingDays(date, 1);
}

/// <summary>A date outside the years the calendar has data for.</summary>
public sealed class CalendarOutOfRangeException(DateOnly date)
    : InvalidOperationException($"工作日历没有 {date.Year} 年的数据 / the working-day calendar has no data for {date.Year}")
{
    /// <summary>The date asked for.</summary>
    public DateOnly Date { get; } = date;
}
