using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Calendar;

/// <summary>Replaces the working-day calendar (administrator) after validating it completely.</summary>
public sealed class ReplaceCalendarHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public ReplaceCalendarHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Validates the calendar, stores it and audits the years it covers.</summary>
    public async Task<CalendarView> HandleAsync(UserAccount? actor, string yaml, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.ReplaceCalendar, actor);
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
            var error = AwardsContext.Localised("calendar", ex.Message);
            throw new AwardsException("invalid-calendar", 400, error.MessageZh, error.MessageEn, "calendar");
        }

        await this.context.Calendar.ReplaceAsync(yaml, parsed, cancellationToken);
        await this.context.AuditAsync("calendar", "calendar.replaced", who, string.Join(",", years.Select(y => y.Year)), cancellationToken);
        return new CalendarView(yaml, years);
    }
}
