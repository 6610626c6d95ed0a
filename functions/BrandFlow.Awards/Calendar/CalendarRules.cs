namespace BrandFlow.Awards.Calendar;

/// <summary>Consistency rules of calendar data, shared by the YAML parser and the calendar's constructor.</summary>
internal static class CalendarRules
{
    /// <summary>Earliest year accepted.</summary>
    public const int MinYear = 1990;

    /// <summary>Latest year accepted.</summary>
    public const int MaxYear = 2200;

    private static readonly string[] WeekdayZh = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    /// <summary>Every problem of the years, each a bilingual line naming the year and date; empty when consistent.</summary>
    public static List<CalendarError> Check(IEnumerable<CalendarYear> years)
    {
        var errors = new List<CalendarError>();
        var seenYears = new HashSet<int>();
        var owner = new Dictionary<DateOnly, int>();
        foreach (CalendarYear y in years)
        {
            if (y is null)
            {
                errors.Add(new CalendarError("日历中有空的年份项", "the calendar has an empty year entry"));
                continue;
            }

            if (y.Year < MinYear || y.Year > MaxYear)
            {
                errors.Add(new CalendarError($"年份 {y.Year} 超出范围（{MinYear}–{MaxYear}）", $"year {y.Year} is out of range ({MinYear}–{MaxYear})"));
                continue;
            }

            if (!seenYears.Add(y.Year))
            {
                errors.Add(new CalendarError($"{y.Year} 年出现了两次", $"{y.Year} is listed twice"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(y.Notice))
            {
                errors.Add(new CalendarError($"{y.Year} 年没有注明通知文号", $"{y.Year} has no notice citation"));
            }

            CheckDates(y, y.Holidays ?? [], isHoliday: true, owner, errors);
            CheckDates(y, y.WorkingWeekends ?? [], isHoliday: false, owner, errors);
        }

        return errors;
    }

    private static void CheckDates(CalendarYear y, IReadOnlyList<DateOnly> dates, bool isHoliday, Dictionary<DateOnly, int> owner, List<CalendarError> errors)
    {
        foreach (DateOnly date in dates)
        {
            string d = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            bool inYear = date.Year == y.Year || (date.Year == y.Year - 1 && date.Month == 12);
            if (!inYear)
            {
                errors.Add(new CalendarError($"{y.Year} 年：{d} 不在该年内", $"{y.Year}: {d} is not in that year"));
                continue;
            }

            bool weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (isHoliday && weekend)
            {
                errors.Add(new CalendarError($"{y.Year} 年：{d} 是{WeekdayZh[(int)date.DayOfWeek]}，周末本来就休息，不应列为放假日", $"{y.Year}: {d} is a {date.DayOfWeek}; weekends are off anyway and are not listed as holidays"));
                continue;
            }

            if (!isHoliday && !weekend)
            {
                errors.Add(new CalendarError($"{y.Year} 年：{d} 是{WeekdayZh[(int)date.DayOfWeek]}，不是周末，不能列为调休上班日", $"{y.Year}: {d} is a {date.DayOfWeek}, not a weekend, so it cannot be a working weekend"));
                continue;
            }

            if (owner.TryGetValue(date, out int first))
            {
                errors.Add(first == y.Year
                    ? new CalendarError($"{y.Year} 年：{d} 列出了两次", $"{y.Year}: {d} is listed twice")
                    : new CalendarError($"{y.Year} 年：{d} 已在 {first} 年中列出", $"{y.Year}: {d} is already listed under {first}"));
                continue;
            }

            owner[date] = y.Year;
        }
    }
}
