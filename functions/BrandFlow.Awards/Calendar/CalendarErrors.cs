namespace BrandFlow.Awards.Calendar;

/// <summary>One problem in calendar data, in Chinese and English.</summary>
/// <param name="MessageZh">The problem in Chinese, naming the year and date.</param>
/// <param name="MessageEn">The problem in English, naming the year and date.</param>
public sealed record CalendarError(string MessageZh, string MessageEn)
{
    /// <summary>"中文 / English".</summary>
    public override string ToString() => $"{MessageZh} / {MessageEn}";

    /// <summary>All problems as one bilingual message: the Chinese sentences, " / ", the English ones.</summary>
    public static string Join(IReadOnlyList<CalendarError> errors) =>
        string.Join("；", errors.Select(e => e.MessageZh)) + " / " + string.Join("; ", errors.Select(e => e.MessageEn));
}

/// <summary>Calendar data that cannot be used: every problem found, each naming the year and date.</summary>
public sealed class CalendarDataException(IReadOnlyList<CalendarError> errors, Exception? inner = null)
    : FormatException(CalendarError.Join(errors), inner)
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<CalendarError> Errors { get; } = errors;
}
