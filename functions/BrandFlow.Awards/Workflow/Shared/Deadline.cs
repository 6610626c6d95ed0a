namespace BrandFlow.Awards.Workflow;

/// <summary>What a workflow deadline is for. A clock may treat kinds differently (a rehearsal cycle compresses them).</summary>
public enum DeadlineKind
{
    /// <summary>The first day of a cycle's application window (start of day).</summary>
    CycleOpens,

    /// <summary>The day firms are reminded of the window's end (start of day).</summary>
    DeadlineReminder,

    /// <summary>The last day of the application window (end of day).</summary>
    WindowCloses,

    /// <summary>The first day of the public notice (start of day).</summary>
    NoticeStarts,

    /// <summary>The last day of the public notice (end of day).</summary>
    NoticeEnds,

    /// <summary>The last day to correct defects found by the document check (end of day).</summary>
    CorrectionDue,

    /// <summary>The day a reviewer is reminded (end of day).</summary>
    ReviewReminder,

    /// <summary>The day a review is escalated to the department head (end of day).</summary>
    ReviewEscalation,

    /// <summary>The last day of a review round; its links expire then (end of day).</summary>
    ReviewEnds,

    /// <summary>The last day for the applicant to answer a reviewer's request for information (end of day).</summary>
    InformationDue,
}

/// <summary>
/// A deadline to compute: a fixed legal date (<paramref name="On"/>), or the <paramref name="WorkingDays"/>-th working day
/// after today (0 = today), in China Standard Time.
/// </summary>
public sealed record DeadlineQuery(DeadlineKind Kind, int WorkingDays = 0, DateOnly? On = null);

/// <summary>A computed deadline: the legal date and the UTC instant a durable timer for it waits until.</summary>
public sealed record Deadline(DeadlineKind Kind, DateOnly Date, DateTime DueUtc);

/// <summary>The answer of the deadlines activity: the legal date of today and the deadlines in the order asked.</summary>
public sealed record DeadlineAnswer(DateOnly Today, IReadOnlyList<Deadline> Deadlines);

/// <summary>Which edge of its legal date a deadline kind falls on.</summary>
public static class DeadlineKinds
{
    /// <summary>True for deadlines at the start of their day (openings, reminders); the others end with their day.</summary>
    public static bool AtStartOfDay(DeadlineKind kind) => kind is DeadlineKind.CycleOpens or DeadlineKind.DeadlineReminder or DeadlineKind.NoticeStarts;
}
