namespace BrandFlow.Awards.Calendar;

/// <summary>China Standard Time (UTC+8, no daylight saving): legal dates are CST dates, instants are UTC.</summary>
public static class ChinaTime
{
    /// <summary>The CST offset.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The CST date of a UTC instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The CST date of a UTC <see cref="DateTime"/> (as given by an orchestration's CurrentUtcDateTime).</summary>
    public static DateOnly DateOf(DateTime utc) => DateOf(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>The UTC instant a CST date starts (00:00 CST).</summary>
    public static DateTime StartOfDayUtc(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Offset).UtcDateTime;

    /// <summary>The UTC instant a CST date ends (24:00 CST, i.e. the next day's start): deadlines are inclusive of their day.</summary>
    public static DateTime EndOfDayUtc(DateOnly date) => StartOfDayUtc(date.AddDays(1));
}
