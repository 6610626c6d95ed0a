using BrandFlow.Awards.Calendar;

namespace BrandFlow.Awards.Tests.Calendar;

public class CalendarDataTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static FormatException ParseFails(string yaml) => Assert.ThrowsAny<FormatException>(() => CalendarData.Parse(yaml));

    [Fact]
    public void Parse_RepositoryFile_AllYearsValid()
    {
        IReadOnlyList<CalendarYear> years = CalendarData.Parse(ChinaCalendarFile.Yaml);

        Assert.Equal(7, years.Count);
        CalendarYear y2026 = years.Single(y => y.Year == 2026);
        Assert.Equal("国办发明电〔2025〕7号", y2026.Notice);
        Assert.Equal(
            new[] { "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10" }.Select(D),
            y2026.WorkingWeekends);
        Assert.Equal(
            new[] { "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-23", "2026-04-06", "2026-05-01", "2026-05-04", "2026-05-05", "2026-06-19", "2026-09-25", "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07" }.Select(D),
            y2026.Holidays);
    }

    [Fact]
    public void Write_ThenParse_RoundTrips()
    {
        IReadOnlyList<CalendarYear> years = CalendarData.Parse(ChinaCalendarFile.Yaml);

        IReadOnlyList<CalendarYear> again = CalendarData.Parse(CalendarData.Write(years));

        Assert.Equal(years.Count, again.Count);
        for (int i = 0; i < years.Count; i++)
        {
            Assert.Equal(years[i].Year, again[i].Year);
            Assert.Equal(years[i].Notice, again[i].Notice);
            Assert.Equal(years[i].Holidays, again[i].Holidays);
            Assert.Equal(years[i].WorkingWeekends, again[i].WorkingWeekends);
        }
    }

    [Fact]
    public void Write_EmptyListsAndQuotesInNotice_RoundTrip()
    {
        var year = new CalendarYear(2030, "通知 \"引号\" \\ 反斜杠: #", [], []);

        CalendarYear again = Assert.Single(CalendarData.Parse(CalendarData.Write([year])));

        Assert.Equal(year.Notice, again.Notice);
        Assert.Empty(again.Holidays);
        Assert.Empty(again.WorkingWeekends);
    }

    [Fact]
    public void Write_SortsYearsAndDates()
    {
        string yaml = CalendarData.Write(
        [
            new CalendarYear(2031, "b", [], []),
            new CalendarYear(2030, "a", [D("2030-01-02"), D("2030-01-01")], []),
        ]);

        Assert.True(yaml.IndexOf("2030-01-01", StringComparison.Ordinal) < yaml.IndexOf("2030-01-02", StringComparison.Ordinal));
        Assert.True(yaml.IndexOf("year: 2030", StringComparison.Ordinal) < yaml.IndexOf("year: 2031", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_HolidayOnWeekend_ErrorNamesYearAndDate()
    {
        FormatException ex = ParseFails("- year: 2026\n  notice: n\n  holidays: [2026-01-03]\n  workingWeekends: []\n");

        Assert.Contains("2026 年：2026-01-03 是星期六", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2026: 2026-01-03 is a Saturday", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WorkingWeekendOnWeekday_ErrorNamesYearAndDate()
    {
        FormatException ex = ParseFails("- year: 2026\n  notice: n\n  holidays: []\n  workingWeekends: [2026-01-05]\n");

        Assert.Contains("2026 年：2026-01-05 是星期一", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2026: 2026-01-05 is a Monday, not a weekend", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-1-5")]
    [InlineData("05/01/2026")]
    [InlineData("tomorrow")]
    public void Parse_BadDate_ErrorQuotesIt(string text)
    {
        FormatException ex = ParseFails($"- year: 2026\n  notice: n\n  holidays: [\"{text}\"]\n  workingWeekends: []\n");

        Assert.Contains($"“{text}”", ex.Message, StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DateOutsideYear_Error()
    {
        FormatException ex = ParseFails("- year: 2026\n  notice: n\n  holidays: [2025-10-08]\n  workingWeekends: []\n");

        Assert.Contains("2025-10-08 is not in that year", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WorkingWeekendInPreviousDecember_Accepted()
    {
        CalendarYear year = Assert.Single(CalendarData.Parse("- year: 2012\n  notice: n\n  holidays: [2012-01-02, 2012-01-03]\n  workingWeekends: [2011-12-31]\n"));

        Assert.Equal([D("2011-12-31")], year.WorkingWeekends);
    }

    [Fact]
    public void Parse_DuplicateYear_Error()
    {
        FormatException ex = ParseFails("- year: 2030\n  notice: a\n- year: 2030\n  notice: b\n");

        Assert.Contains("2030 is listed twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateDate_Error()
    {
        FormatException ex = ParseFails("- year: 2030\n  notice: a\n  holidays: [2030-01-01, 2030-01-01]\n");

        Assert.Contains("2030-01-01 is listed twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingNotice_Error()
    {
        FormatException ex = ParseFails("- year: 2030\n  holidays: []\n");

        Assert.Contains("2030 has no notice citation", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1800")]
    [InlineData("")]
    public void Parse_InvalidYear_Error(string year)
    {
        FormatException ex = ParseFails($"- year: \"{year}\"\n  notice: n\n");

        Assert.Contains("invalid year", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKey_ErrorWithLine()
    {
        FormatException ex = ParseFails("- year: 2030\n  notice: n\n  holiday: [2030-01-01]\n");

        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("第 3 行", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedYaml_Error()
    {
        ParseFails("- year: 2030\n  notice: [unclosed\n");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("[]")]
    public void Parse_NoYears_Error(string yaml)
    {
        FormatException ex = ParseFails(yaml);

        Assert.Contains("no years", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_AllReported()
    {
        FormatException ex = ParseFails("- year: 2026\n  notice: n\n  holidays: [2026-01-03, 2026-01-10]\n  workingWeekends: [2026-01-05]\n");

        var data = Assert.IsType<CalendarDataException>(ex);
        Assert.Equal(3, data.Errors.Count);
        string[] parts = ex.Message.Split(" / ", 2);
        Assert.Contains("2026-01-10 是星期六", parts[0], StringComparison.Ordinal);
        Assert.Contains("2026-01-05 是星期一", parts[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Saturday", parts[0], StringComparison.Ordinal);
        Assert.Contains("2026-01-10 is a Saturday", parts[1], StringComparison.Ordinal);
        Assert.Contains("2026-01-05 is a Monday", parts[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LeadingByteOrderMark_Accepted()
    {
        CalendarYear year = Assert.Single(CalendarData.Parse("\uFEFF- year: 2030\n  notice: n\n  holidays: [2030-01-01]\n"));

        Assert.Equal([D("2030-01-01")], year.Holidays);
        Assert.Empty(year.WorkingWeekends);
    }
}
