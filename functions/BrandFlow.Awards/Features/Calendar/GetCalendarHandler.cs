using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Calendar;

/// <summary>The working-day calendar as stored (seeding it from the repository file on first use): anyone signed in.</summary>
public sealed class GetCalendarHandler
{
    private readonly StoredWorkingDayCalendar calendar;

    /// <summary>Creates the handler over the stored calendar.</summary>
    public GetCalendarHandler(StoredWorkingDayCalendar calendar) => this.calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));

    /// <summary>The calendar as stored, as text and parsed.</summary>
    public async Task<CalendarView> HandleAsync(UserAccount? actor, CancellationToken cancellationToken = default)
    {
        AccessPolicy.Authorize(UseCase.GetCalendar, actor);
        var yaml = await this.calendar.ReadYamlAsync(cancellationToken);
        return new CalendarView(yaml, CalendarData.Parse(yaml));
    }
}
