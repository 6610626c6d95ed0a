namespace BrandFlow.Awards.Calendar;

/// <summary>Reads and writes the working-day calendar's YAML data (the editable form administrators change).</summary>
public static class CalendarData
{
    /// <summary>Parses YAML; throws <see cref="FormatException"/> with a bilingual message naming the bad entry.</summary>
    public static IReadOnlyList<CalendarYear> Parse(string yaml) => throw new NotImplementedException();

    /// <summary>Writes years back to YAML in the same format.</summary>
    public static string Write(IReadOnlyList<CalendarYear> years) => throw new NotImplementedException();
}
