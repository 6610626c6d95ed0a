using System.Text;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Services;

/// <summary>The working-day calendar: stored in the document store, seeded from the reviewed file, edited by administrators.</summary>
public sealed partial class AwardsService : IWorkingDayCalendarSource
{
    /// <inheritdoc />
    public Task<WorkingDayCalendar> GetAsync(CancellationToken cancellationToken = default) => this.WorkingDaysAsync(cancellationToken);

    /// <summary>The calendar as stored (seeding it from the repository file on first use).</summary>
    public async Task<CalendarView> GetCalendarAsync(UserAccount? actor, CancellationToken cancellationToken = default)
    {
        AccessRules.SignedIn(actor);
        var yaml = await this.CalendarYamlAsync(cancellationToken);
        return new CalendarView(yaml, CalendarData.Parse(yaml));
    }

    /// <summary>The current working-day calendar.</summary>
    public async Task<WorkingDayCalendar> WorkingDaysAsync(CancellationToken cancellationToken = default)
    {
        if (this.calendar is { } cached)
        {
            return cached;
        }

        var loaded = new WorkingDayCalendar(CalendarData.Parse(await this.CalendarYamlAsync(cancellationToken)));
        this.calendar = loaded;
        return loaded;
    }

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

        await this.calendarLock.WaitAsync(cancellationToken);
        try
        {
            await this.ports.Documents.SaveAsync(AwardsServiceOptions.CalendarDocument, Encoding.UTF8.GetBytes(yaml), "application/yaml", cancellationToken);
            this.calendar = parsed;
        }
        finally
        {
            this.calendarLock.Release();
        }

        await this.AuditAsync("calendar", "calendar.replaced", who, string.Join(",", years.Select(y => y.Year)), cancellationToken);
        return new CalendarView(yaml, years);
    }

    private async Task<string> CalendarYamlAsync(CancellationToken cancellationToken)
    {
        if (await this.ports.Documents.ReadAsync(AwardsServiceOptions.CalendarDocument, cancellationToken) is { } stored)
        {
            return Encoding.UTF8.GetString(stored);
        }

        var seed = this.options.CalendarSeedPath;
        if (seed is null || !File.Exists(seed))
        {
            throw new AwardsException("calendar-missing", 409, "尚未设置工作日历", "No working-day calendar has been set up");
        }

        var yaml = await File.ReadAllTextAsync(seed, cancellationToken);
        await this.calendarLock.WaitAsync(cancellationToken);
        try
        {
            if (await this.ports.Documents.ReadAsync(AwardsServiceOptions.CalendarDocument, cancellationToken) is null)
            {
                await this.ports.Documents.SaveAsync(AwardsServiceOptions.CalendarDocument, Encoding.UTF8.GetBytes(yaml), "application/yaml", cancellationToken);
            }
        }
        finally
        {
            this.calendarLock.Release();
        }

        return yaml;
    }
}
