using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Mail;

/// <summary>The kinds of email the workflow sends, each with a Chinese and an English template.</summary>
public enum MailKind
{
    /// <summary>Sign-in link.</summary>
    SignIn,

    /// <summary>A cycle opened: to registered firms of the jurisdiction.</summary>
    CycleOpened,

    /// <summary>Deadline reminder to firms.</summary>
    DeadlineReminder,

    /// <summary>Application received.</summary>
    ApplicationReceived,

    /// <summary>Application waiting for the clerk's check (to clerks).</summary>
    ClerkCheckRequested,

    /// <summary>Defects to correct, with a deadline.</summary>
    CorrectionRequested,

    /// <summary>Application lapsed (no correction by the deadline).</summary>
    ApplicationLapsed,

    /// <summary>Review request with signed decision links (to the reviewer).</summary>
    ReviewRequested,

    /// <summary>Review reminder (to the reviewer).</summary>
    ReviewReminder,

    /// <summary>Review escalated (to the department head).</summary>
    ReviewEscalated,

    /// <summary>More information asked (to the applicant).</summary>
    InformationRequested,

    /// <summary>Review outcome (to the applicant).</summary>
    ReviewOutcome,

    /// <summary>Batch waiting for fiscal approval (to finance).</summary>
    FiscalApprovalRequested,

    /// <summary>Fiscal outcome: granted amount or waitlisted (to the applicant).</summary>
    FiscalOutcome,

    /// <summary>Public notice opened (to applicants on the list).</summary>
    NoticePublished,

    /// <summary>An objection was filed (to the applicant and the reviewer).</summary>
    ObjectionFiled,

    /// <summary>Payment issued (to the applicant).</summary>
    PayoutIssued,

    /// <summary>Payment confirmed by the bank (to the applicant).</summary>
    PaymentConfirmed,

    /// <summary>Cycle report (to administrators).</summary>
    CycleReport,
}

/// <summary>
/// Renders emails from templates: Chinese first with the English text below it (or English first for accounts that
/// prefer it). Values are HTML-encoded; links are absolute URLs given by the caller.
/// </summary>
public static class MailComposer
{
    /// <summary>Composes a message; <paramref name="values"/> fill the template's placeholders, <paramref name="links"/> are labelled buttons.</summary>
    public static OutgoingMail Compose(
        MailKind kind,
        string idempotencyKey,
        string to,
        string language,
        IReadOnlyDictionary<string, string> values,
        IReadOnlyList<(string LabelZh, string LabelEn, Uri Url)>? links = null) => throw new NotImplementedException();
}
