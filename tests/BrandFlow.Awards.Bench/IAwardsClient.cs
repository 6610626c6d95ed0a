using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Bench;

/// <summary>What the driver does to the app, as the people of the journey: administrator, applicants, clerk, reviewer, finance.</summary>
internal interface IAwardsClient
{
    /// <summary>Which way the actions reach the app (reported).</summary>
    string Description { get; }

    /// <summary>Registers staff, firms and their applicant accounts (administrator).</summary>
    Task SeedAsync(IReadOnlyList<UserAccount> staff, IReadOnlyList<Firm> firms, CancellationToken cancellationToken);

    /// <summary>Opens a cycle (administrator).</summary>
    Task OpenCycleAsync(CycleDefinition cycle, CancellationToken cancellationToken);

    /// <summary>Uploads the evidence file through an upload slot, has it inspected, and submits the application; returns its id.</summary>
    Task<string> SubmitAsync(Firm firm, string cycleId, ClaimInput claim, string evidenceType, byte[] evidence, CancellationToken cancellationToken);

    /// <summary>The clerk approves the document check.</summary>
    Task ClerkApproveAsync(string clerk, string applicationId, CancellationToken cancellationToken);

    /// <summary>A reviewer posts a decision with a link token.</summary>
    Task DecideAsync(string reviewer, string token, CancellationToken cancellationToken);

    /// <summary>An application's status (observation).</summary>
    Task<ApplicationStatus> StatusAsync(string applicant, string applicationId, CancellationToken cancellationToken);

    /// <summary>A cycle's read model (observation).</summary>
    Task<CycleRecord> CycleAsync(string admin, string cycleId, CancellationToken cancellationToken);

    /// <summary>How many of a cycle's applications have a status (observation).</summary>
    Task<int> CountAsync(string admin, string cycleId, ApplicationStatus status, CancellationToken cancellationToken);

    /// <summary>Closes the application window now (administrator).</summary>
    Task CloseWindowAsync(string admin, string cycleId, CancellationToken cancellationToken);

    /// <summary>Approves the fiscal batch pro rata (finance).</summary>
    Task ApproveFiscalAsync(string finance, string cycleId, CancellationToken cancellationToken);

    /// <summary>Downloads the treasury payment file as CSV (finance).</summary>
    Task<string> PaymentFileCsvAsync(string finance, string cycleId, CancellationToken cancellationToken);

    /// <summary>Imports the bank's confirmation CSV (finance).</summary>
    Task ImportConfirmationsAsync(string finance, string cycleId, string csv, CancellationToken cancellationToken);

    /// <summary>Ends the cycle (administrator).</summary>
    Task CloseCycleAsync(string admin, string cycleId, CancellationToken cancellationToken);
}
