using BrandFlow.Awards.Calendar;

namespace BrandFlow.Awards.Tests.Calendar;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar China = ChinaCalendarFile.Load();

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-09-30", 7, "2025-10-16")] // Oct 1–8 off, Oct 11 (Sat) worked
    [InlineData("2025-09-30", 1, "2025-10-09")]
    [InlineData("2025-09-26", 1, "2025-09-28")] // Sep 28 (Sun) worked
    [InlineData("2026-02-13", 1, "2026-02-14")] // Feb 14 (Sat) worked
    [InlineData("2026-02-14", 1, "2026-02-24")] // Feb 15–23 off
    [InlineData("2026-02-27", 1, "2026-02-28")] // Feb 28 (Sat) worked
    [InlineData("2025-12-31", 1, "2026-01-04")] // New Year Jan 1–3 off, Jan 4 (Sun) worked
    [InlineData("2020-01-23", 1, "2020-02-03")] // 2020 Spring Festival extended to Feb 2; Feb 1 no longer worked
    [InlineData("2024-02-03", 1, "2024-02-04")] // Feb 4 (Sun) worked
    [InlineData("2023-12-29", 1, "2024-01-02")] // across the year boundary
    [InlineData("2026-09-30", 5, "2026-10-13")] // Oct 1–7 off, Oct 8, 9, 10 (Sat), 12, 13
    [InlineData("2026-03-02", 0, "2026-03-02")]
    public void AddWorkingDays_KnownCases(string start, int days, string expected)
    {
        Assert.Equal(D(expected), China.AddWorkingDays(D(start), days));
    }

    [Fact]
    public void AddWorkingDays_OrdinaryWeek_SkipsWeekend()
    {
        // 2026-03-06 is a Friday with no holiday nearby.
        Assert.Equal(D("2026-03-13"), China.AddWorkingDays(D("2026-03-06"), 5));
    }

    [Fact]
    public void AddWorkingDays_IntoYearWithoutData_ThrowsOutOfRange()
    {
        var ex = Assert.Throws<CalendarOutOfRangeException>(() => China.AddWorkingDays(D("2026-12-30"), 5));

        Assert.Equal(D("2027-01-01"), ex.Date);
        Assert.Contains("2027", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWorkingDays_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => China.AddWorkingDays(D("2026-03-02"), -1));
    }

    [Theory]
    [InlineData("2025-10-11", true)]
    [InlineData("2025-10-08", false)]
    [InlineData("2025-10-12", false)]
    [InlineData("2025-10-09", true)]
    [InlineData("2020-02-01", false)]
    [InlineData("2020-01-31", false)]
    [InlineData("2020-01-19", true)]
    [InlineData("2023-01-02", false)]
    [InlineData("2026-10-10", true)]
    [InlineData("2026-09-20", true)]
    [InlineData("2026-06-19", false)]
    public void IsWorkingDay_KnownDays(string date, bool expected)
    {
        Assert.Equal(expected, China.IsWorkingDay(D(date)));
    }

    [Theory]
    [InlineData("2019-12-31")]
    [InlineData("2027-01-04")]
    public void IsWorkingDay_YearWithoutData_ThrowsOutOfRange(string date)
    {
        var ex = Assert.Throws<CalendarOutOfRangeException>(() => China.IsWorkingDay(D(date)));

        Assert.Equal(D(date), ex.Date);
        Assert.Contains("工作日历", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WorkingDaysBetween_InverseOfAddWorkingDays()
    {
        Assert.Equal(7, China.WorkingDaysBetween(D("2025-09-30"), D("2025-10-16")));
        Assert.Equal(6, China.WorkingDaysBetween(D("2025-09-30"), D("2025-10-15")));
        for (int n = 0; n < 40; n++)
        {
            DateOnly start = D("2026-01-20");
            Assert.Equal(n, China.WorkingDaysBetween(start, China.AddWorkingDays(start, n)));
        }
    }

    [Fact]
    public void WorkingDaysBetween_SameOrEarlier_Zero()
    {
        Assert.Equal(0, China.WorkingDaysBetween(D("2025-10-16"), D("2025-10-16")));
        Assert.Equal(0, China.WorkingDaysBetween(D("2025-10-16"), D("2025-09-30")));
    }

    [Theory]
    [InlineData(2020, 249)] // 251 as published, less Jan 31 and Feb 1 after the extension (国办发明电〔2020〕1号)
    [InlineData(2021, 250)]
    [InlineData(2022, 249)]
    [InlineData(2023, 249)]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void WorkingDaysInYear_MatchesDaysLessWeekendsLessStatutoryHolidays(int year, int expected)
    {
        // Independent check of the data: since 2008 the law gives 11 statutory days off (13 from 2025), and every
        // notice keeps that count; so working days = days in year − weekend days − statutory days.
        var first = new DateOnly(year, 1, 1);
        int days = DateTime.IsLeapYear(year) ? 366 : 365;
        int weekends = Enumerable.Range(0, days).Count(i => first.AddDays(i).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        int statutory = year >= 2025 ? 13 : 11;
        int extension = year == 2020 ? 2 : 0;

        Assert.Equal(expected, days - weekends - statutory - extension);
        Assert.Equal(expected, CountWorkingDays(year));
    }

    [Fact]
    public void Years_CoverTwentyTwentyToTwentyTwentySix_WithNotices()
    {
        Assert.Equal(Enumerable.Range(2020, 7), China.Years.Select(y => y.Year));
        Assert.All(China.Years, y => Assert.Contains("国办发明电", y.Notice, StringComparison.Ordinal));
        Assert.Equal("国办发明电〔2019〕16号；国办发明电〔2020〕1号", China.Years[0].Notice);
        Assert.Equal("国办发明电〔2024〕12号", China.Years[5].Notice);
    }

    [Fact]
    public void OnOrNextWorkingDay_HolidayMovesToNextWorkingDay()
    {
        Assert.Equal(D("2025-10-09"), China.OnOrNextWorkingDay(D("2025-10-01")));
        Assert.Equal(D("2025-10-11"), China.OnOrNextWorkingDay(D("2025-10-11")));
    }

    [Fact]
    public void Covers_OnlyYearsWithData()
    {
        Assert.True(China.Covers(D("2026-12-31")));
        Assert.False(China.Covers(D("2027-01-01")));
    }

    [Fact]
    public void Constructor_DuplicateYear_Throws()
    {
        var year = new CalendarYear(2030, "test", [], []);

        var ex = Assert.Throws<ArgumentException>(() => new WorkingDayCalendar([year, year]));

        Assert.Contains("2030", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DayListedUnderTwoYears_Throws()
    {
        // 2011-12-31 (Saturday) may be set by the notice for 2012, but not by two notices at once.
        var ex = Assert.Throws<ArgumentException>(() => new WorkingDayCalendar(
        [
            new CalendarYear(2011, "a", [], [D("2011-12-31")]),
            new CalendarYear(2012, "b", [], [D("2011-12-31")]),
        ]));

        Assert.Contains("2011-12-31", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_HolidayOnWeekend_Throws()
    {
        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar([new CalendarYear(2030, "n", [D("2030-01-05")], [])]));
    }

    [Fact]
    public void Constructor_DecemberOfPreviousYear_AcceptedAndUsedWhenThatYearIsCovered()
    {
        var calendar = new WorkingDayCalendar(
        [
            new CalendarYear(2011, "a", [], []),
            new CalendarYear(2012, "b", [D("2012-01-02"), D("2012-01-03")], [D("2011-12-31")]),
        ]);

        Assert.True(calendar.IsWorkingDay(D("2011-12-31")));
        Assert.Equal(D("2012-01-04"), calendar.AddWorkingDays(D("2011-12-31"), 1));
    }

    private static int CountWorkingDays(int year)
    {
        int count = 0;
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            count += China.IsWorkingDay(d) ? 1 : 0;
        }

        return count;
    }
}
