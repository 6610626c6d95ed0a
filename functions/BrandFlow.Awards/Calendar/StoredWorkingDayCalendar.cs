using System.Text;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Calendar;

/// <summary>
/// The working-day calendar kept in the document store: seeded from the reviewed file on first use, replaced by
/// administrators, parsed once per process. One per process (a singleton), shared by the award service and the
/// deadlines activity, so it does not depend on anything per request.
/// </summary>
public sealed class StoredWorkingDayCalendar(IDocumentStore documents, AwardsServiceOptions options) : IWorkingDayCalendarSource
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private WorkingDayCalendar? calendar;

    /// <inheritdoc />
    public async Task<WorkingDayCalendar> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref this.calendar) is { } cached)
        {
            return cached;
        }

        var loaded = new WorkingDayCalendar(CalendarData.Parse(await this.ReadYamlAsync(cancellationToken).ConfigureAwait(false)));
        Volatile.Write(ref this.calendar, loaded);
        return loaded;
    }

    /// <summary>The calendar's text as stored, seeding the store from the reviewed file when it holds none.</summary>
    public async Task<string> ReadYamlAsync(CancellationToken cancellationToken = default)
    {
        if (await documents.ReadAsync(AwardsServiceOptions.CalendarDocument, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return Encoding.UTF8.GetString(stored);
        }

        var seed = options.CalendarSeedPath;
        if (seed is null || !File.Exists(seed))
        {
            throw new AwardsException("calendar-missing", 409, "尚未设置工作日历", "No working-day calendar has been set up");
        }

        var yaml = await File.ReadAllTextAsync(seed, cancellationToken).ConfigureAwait(false);
        await this.gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await documents.ReadAsync(AwardsServiceOptions.CalendarDocument, cancellationToken).ConfigureAwait(false) is null)
            {
                await documents.SaveAsync(AwardsServiceOptions.CalendarDocument, Encoding.UTF8.GetBytes(yaml), "application/yaml", cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            this.gate.Release();
        }

        return yaml;
    }

    /// <summary>Stores an already validated calendar and uses it from now on in this process.</summary>
    public async Task ReplaceAsync(string yaml, WorkingDayCalendar parsed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        await this.gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await documents.SaveAsync(AwardsServiceOptions.CalendarDocument, Encoding.UTF8.GetBytes(yaml), "application/yaml", cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref this.calendar, parsed);
        }
        finally
        {
            this.gate.Release();
        }
    }
}
