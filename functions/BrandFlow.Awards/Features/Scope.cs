namespace BrandFlow.Awards.Features;

/// <summary>The ownership or visibility rule a use case applies once its audience is satisfied.</summary>
public enum Scope
{
    /// <summary>No rule beyond the audience.</summary>
    None,

    /// <summary>The applicant's account is bound to a registered firm (403 otherwise); it acts for that firm only.</summary>
    OwnFirm,

    /// <summary>As <see cref="OwnFirm"/>, and the cycle is of the firm's jurisdiction chain (404 otherwise).</summary>
    OwnFirmCycle,

    /// <summary>As <see cref="OwnFirm"/>, and the application is visible (404 otherwise) and the firm's own (403 otherwise).</summary>
    OwnFirmApplication,

    /// <summary>The application is visible to the actor (404 otherwise, so ids of others do not leak).</summary>
    VisibleApplication,

    /// <summary>Only applications visible to the actor are listed; applicants read their firm's, staff every cycle's.</summary>
    VisibleApplications,

    /// <summary>The application is visible (404 otherwise) and the actor is its applicant or an administrator (403 otherwise).</summary>
    OwnerOrAdministrator,

    /// <summary>The application is visible (404 otherwise) and the actor may read its evidence (403 otherwise).</summary>
    EvidenceReader,

    /// <summary>The application is in its public notice or visible to the actor (404 otherwise).</summary>
    InNoticeOrVisible,

    /// <summary>Staff see every cycle (and one just scheduled); applicants those of their firm's jurisdiction chain (404 otherwise).</summary>
    VisibleCycles,

    /// <summary>The firm is the applicant's own, or the actor is staff (404 otherwise).</summary>
    OwnFirmOrStaff,

    /// <summary>The account is the actor's own, or the actor is an administrator (404 otherwise).</summary>
    SelfOrAdministrator,

    /// <summary>Staff, or the applicant of the application the subject names (403 otherwise).</summary>
    StaffOrApplicationOwner,

    /// <summary>The actor is the link's recipient (403 forwarded-link otherwise) and a reviewer or head of its department (403 otherwise).</summary>
    LinkRecipientReviewer,

    /// <summary>The link's details are shown only to its recipient, or to someone not yet signed in.</summary>
    LinkRecipient,

    /// <summary>The emailed one-time sign-in link proves the address; no actor.</summary>
    SignInLink,
}
