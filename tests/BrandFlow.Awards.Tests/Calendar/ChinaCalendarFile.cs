using BrandFlow.Awards.Calendar;

namespace BrandFlow.Awards.Tests.Calendar;

/// <summary>The reviewed calendar file of the repository, found by walking up from the test binaries.</summary>
internal static class ChinaCalendarFile
{
    private static readonly Lazy<string> Text = new(() => File.ReadAllText(FindPath()));

    public static string Yaml => Text.Value;

    public static WorkingDayCalendar Load() => WorkingDayCalendar.FromYaml(Yaml);

    private static string FindPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "policies", CalendarData.RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("policies/" + CalendarData.RelativePath + " not found above " + AppContext.BaseDirectory);
    }
}
