namespace BrandFlow.Awards.Features;

/// <summary>Every operation of the award service, as <see cref="AccessPolicy"/> names them.</summary>
public enum UseCase
{
    /// <summary>Submit an application for the actor's firm.</summary>
    SubmitApplication,

    /// <summary>Read one application.</summary>
    GetApplication,

    /// <summary>List applications.</summary>
    ListApplications,

    /// <summary>Correct an application's defects.</summary>
    SubmitCorrection,

    /// <summary>Answer a department's request for information.</summary>
    ProvideInformation,

    /// <summary>Withdraw an application.</summary>
    Withdraw,

    /// <summary>Confirm the document check.</summary>
    ClerkCheck,

    /// <summary>Reassign a department's review.</summary>
    Reassign,

    /// <summary>Object to an application during its public notice.</summary>
    FileObjection,

    /// <summary>Read a cycle's public notice.</summary>
    ListNotice,

    /// <summary>Read an evidence file.</summary>
    GetEvidenceUrl,

    /// <summary>Read the working-day calendar as stored.</summary>
    GetCalendar,

    /// <summary>Read the current working-day calendar (hosts and workflow; no actor).</summary>
    WorkingDays,

    /// <summary>Replace the working-day calendar.</summary>
    ReplaceCalendar,

    /// <summary>Reserve an evidence upload.</summary>
    RequestUploadSlot,

    /// <summary>Inspect an uploaded evidence file.</summary>
    InspectEvidence,

    /// <summary>Preview the calculator's estimate.</summary>
    PreviewEstimate,

    /// <summary>Open a cycle.</summary>
    OpenCycle,

    /// <summary>Close a cycle's application window.</summary>
    CloseWindow,

    /// <summary>End a cycle.</summary>
    CloseCycle,

    /// <summary>List cycles.</summary>
    ListCycles,

    /// <summary>Read one cycle.</summary>
    GetCycle,

    /// <summary>Register or update a firm.</summary>
    UpsertFirm,

    /// <summary>Read a firm.</summary>
    GetFirm,

    /// <summary>Create or update an account.</summary>
    UpsertAccount,

    /// <summary>Read an account.</summary>
    GetAccount,

    /// <summary>List staff by role.</summary>
    ListStaff,

    /// <summary>Read a subject's audit log.</summary>
    GetAuditLog,

    /// <summary>List mail sends that failed for good.</summary>
    ListMailFailures,

    /// <summary>Simulate a cycle's fiscal batch.</summary>
    SimulateFiscal,

    /// <summary>Approve a cycle's fiscal batch.</summary>
    ApproveFiscal,

    /// <summary>Download a cycle's payment file.</summary>
    GetPaymentFile,

    /// <summary>Import bank confirmations.</summary>
    ImportBankConfirmations,

    /// <summary>Decide a review round from a decision link.</summary>
    DecideByLink,

    /// <summary>Describe a decision link.</summary>
    DescribeDecisionLink,

    /// <summary>Ask for a sign-in link.</summary>
    RequestSignInLink,

    /// <summary>Describe a sign-in link.</summary>
    DescribeSignInLink,

    /// <summary>Sign in with a link.</summary>
    CompleteSignIn,

    /// <summary>Read the account of a signed-in email (hosts, for the session; no actor).</summary>
    FindAccount,
}
