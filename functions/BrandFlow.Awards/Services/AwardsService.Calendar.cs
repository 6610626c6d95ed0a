using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Services;

/// <summary>The working-day calendar (kept by <see cref="StoredWorkingDayCalendar"/>): read by anyone signed in, replaced by administrators.</summary>
public sealed partial class AwardsService
{
    /// <summary>The calendar as stored (seeding it from the repository file on first use).</summary>
    public async Task<CalendarView> GetCalendarAsync(UserAccount? actor, CancellationToken cancellationToken = default)
    {
        AccessRules.SignedIn(actor);
        var yaml = await this.calendar.ReadYamlAsync(cancellationToken);
        return new CalendarView(yaml, CalendarData.Parse(yaml));
    }

    /// <summary>The current working-day calendar.</summary>
    public Task<WorkingDayCalendar> WorkingDaysAsync(CancellationToken cancellationToken = default) => this.calendar.GetAsync(cancellationToken);

    /// <summary>Replaces the calendar (administrator) after validating it completely.</summary>
    public async Task<CalendarView> ReplaceCalendarAsync(UserAccount? actor, string yaml, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.Require(actor, Role.Administrator);
        if (string.IsNullOrWhiteSpace(yaml))
        {
            throw AwardsErrors.Invalid("calendar", "日历内容为空", "The calendar is empty");
        }

        IReadOnlyList<CalendarYear> years;
        WorkingDayCalendar parsed;
        try
        {
            years = CalendarData.Parse(yaml);
            parsed = new WorkingDayCalendar(years);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            var error = Localised("calendar", ex.Message);
            throw new AwardsException("invalid-calendar", 400, error.MessageZh, error.MessageEn, "calendar");
        }

        await this.calendar.ReplaceAsync(yaml, parsed, cancellationToken);
        await this.AuditAsync("calendar", "calendar.replaced", who, string.Join(",", years.Select(y => y.Year)), cancellationToken);
        return new CalendarView(yaml, years);
    }
}
