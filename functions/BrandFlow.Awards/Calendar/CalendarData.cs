using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace BrandFlow.Awards.Calendar;

/// <summary>Reads and writes the working-day calendar's YAML data (the editable form administrators change).</summary>
/// <remarks>
/// Format (policies/calendar/china-working-days.yaml): a list of years, each
/// <c>{ year, notice, holidays: [yyyy-MM-dd], workingWeekends: [yyyy-MM-dd] }</c>. <c>holidays</c> lists only days off
/// that fall on Monday–Friday; <c>workingWeekends</c> only Saturdays and Sundays. Anything else is refused with a
/// message naming the year and the date, so a slip while copying a notice cannot silently shift a deadline.
/// </remarks>
public static class CalendarData
{
    /// <summary>Where the reviewed calendar lives, relative to the policies/ folder (and its name in the document store).</summary>
    public const string RelativePath = "calendar/china-working-days.yaml";

    /// <summary>Content type used when the calendar is stored as a document.</summary>
    public const string ContentType = "application/yaml";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Parses YAML; throws <see cref="FormatException"/> with a bilingual message naming the bad entry.</summary>
    /// <remarks>The exception is a <see cref="CalendarDataException"/> listing every problem found; its message is
    /// all the Chinese sentences, " / ", then all the English ones.</remarks>
    public static IReadOnlyList<CalendarYear> Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        List<YearDto?>? entries;
        try
        {
            entries = Yaml.Deserialize<List<YearDto?>?>(yaml.TrimStart('\uFEFF'));
        }
        catch (YamlException ex)
        {
            throw new CalendarDataException(
                [new CalendarError($"工作日历数据格式错误（第 {ex.Start.Line} 行）", $"the working-day calendar is malformed (line {ex.Start.Line}): {ex.Message}")],
                ex);
        }

        if (entries is null || entries.Count == 0)
        {
            throw new CalendarDataException([new CalendarError("工作日历数据中没有任何年份", "the working-day calendar lists no years")]);
        }

        var errors = new List<CalendarError>();
        var years = new List<CalendarYear>();
        for (int i = 0; i < entries.Count; i++)
        {
            if (ToYear(entries[i], i + 1, errors) is { } year)
            {
                years.Add(year);
            }
        }

        errors.AddRange(CalendarRules.Check(years));
        if (errors.Count > 0)
        {
            throw new CalendarDataException(errors);
        }

        return years;
    }

    /// <summary>Writes years back to YAML in the same format.</summary>
    public static string Write(IReadOnlyList<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var yaml = new StringBuilder();
        yaml.Append("# 中国工作日历 / China's working-day calendar (format: policies/calendar/README.md)\n");
        foreach (CalendarYear year in years.OrderBy(y => y.Year))
        {
            yaml.Append(CultureInfo.InvariantCulture, $"- year: {year.Year}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"  notice: {Quote(year.Notice)}\n");
            WriteDates(yaml, "holidays", year.Holidays);
            WriteDates(yaml, "workingWeekends", year.WorkingWeekends);
        }

        return yaml.ToString();
    }

    private static void WriteDates(StringBuilder yaml, string key, IReadOnlyList<DateOnly> dates)
    {
        if (dates.Count == 0)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  {key}: []\n");
            return;
        }

        yaml.Append(CultureInfo.InvariantCulture, $"  {key}:\n");
        foreach (DateOnly date in dates.Order())
        {
            yaml.Append(CultureInfo.InvariantCulture, $"    - {date:yyyy-MM-dd}\n");
        }
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";

    private static CalendarYear? ToYear(YearDto? dto, int position, List<CalendarError> errors)
    {
        if (dto is null)
        {
            errors.Add(new CalendarError($"第 {position} 项是空的", $"entry {position} is empty"));
            return null;
        }

        if (!int.TryParse(dto.Year, NumberStyles.None, CultureInfo.InvariantCulture, out int year) || year < CalendarRules.MinYear || year > CalendarRules.MaxYear)
        {
            errors.Add(new CalendarError($"第 {position} 项的年份“{dto.Year}”无效", $"entry {position} has an invalid year \"{dto.Year}\""));
            return null;
        }

        List<DateOnly> holidays = Dates(dto.Holidays, year, "holidays", errors);
        List<DateOnly> workingWeekends = Dates(dto.WorkingWeekends, year, "workingWeekends", errors);
        return new CalendarYear(year, dto.Notice?.Trim() ?? string.Empty, holidays, workingWeekends);
    }

    private static List<DateOnly> Dates(List<string?>? texts, int year, string key, List<CalendarError> errors)
    {
        var dates = new List<DateOnly>();
        foreach (string? text in texts ?? [])
        {
            if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                dates.Add(date);
            }
            else
            {
                errors.Add(new CalendarError($"{year} 年 {key} 中的“{text}”不是 yyyy-MM-dd 格式的日期", $"{year}: \"{text}\" in {key} is not a yyyy-MM-dd date"));
            }
        }

        return dates;
    }

    /// <summary>One year as written in YAML (strings, so errors can quote what was written).</summary>
    private sealed class YearDto
    {
        public string? Year { get; set; }

        public string? Notice { get; set; }

        public List<string?>? Holidays { get; set; }

        public List<string?>? WorkingWeekends { get; set; }
    }
}
