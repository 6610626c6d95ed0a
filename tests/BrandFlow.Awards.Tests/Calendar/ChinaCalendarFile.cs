using BrandFlow.Awards.Calendar;

namespace BrandFlow.Awards.Tests.Calendar;

/// <summary>The reviewed calendar file of the repository, found through the test-support project.</summary>
internal static class ChinaCalendarFile
{
    private static readonly Lazy<string> Text = new(() => File.ReadAllText(FindPath()));

    public static string Yaml => Text.Value;

    public static WorkingDayCalendar Load() => WorkingDayCalendar.FromYaml(Yaml);

    private static string FindPath() => Path.Combine(Repository.Policies, CalendarData.RelativePath);
}
