using BrandFlow.Awards.Access;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Ports;
using BrandFlow.Policy.Calculation;
using BrandFlow.Policy.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// Everything the workflow's activities reach: the policy catalog, the stores behind the ports, mail, the working-day
/// calendar, signed links and the clock. Orchestrators never touch it (they only call activities).
/// </summary>
public sealed class AwardEnvironment
{
    /// <summary>The policy catalog applications are judged under.</summary>
    public required PolicyCatalog Catalog { get; init; }

    /// <summary>Accounts and firms.</summary>
    public required IDirectory Directory { get; init; }

    /// <summary>Read models of applications and cycles.</summary>
    public required IApplicationStore Applications { get; init; }

    /// <summary>Awards ledger and payment instructions.</summary>
    public required IAwardLedger Ledger { get; init; }

    /// <summary>Registry of claimed evidence hashes and identifiers.</summary>
    public required IClaimRegistry Claims { get; init; }

    /// <summary>The append-only audit log.</summary>
    public required IAuditLog Audit { get; init; }

    /// <summary>One-time token store (decision links); activities do not consume tokens, the API does.</summary>
    public required IOneTimeTokenStore Tokens { get; init; }

    /// <summary>Evidence files (sealed when an application is checked).</summary>
    public required IEvidenceStore Evidence { get; init; }

    /// <summary>Generated documents (treasury payment files).</summary>
    public required IDocumentStore Documents { get; init; }

    /// <summary>Outgoing mail, idempotent per key.</summary>
    public required IMailSender Mail { get; init; }

    /// <summary>The current working-day calendar (editable data, so it is read when a date is computed).</summary>
    public required Func<CancellationToken, Task<WorkingDayCalendar>> Calendar { get; init; }

    /// <summary>Signs the review decision links.</summary>
    public required SignedLinks Links { get; init; }

    /// <summary>Public base address of the app, ending in '/', used for links in emails.</summary>
    public required Uri PublicBaseUri { get; init; }

    /// <summary>Clock of activities (the orchestrations use their context's replay-safe time).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Logger factory of activities.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Calculator over <see cref="Catalog"/>; replace to judge under another catalog instance.</summary>
    public PolicyCalculator Calculator => calculator ??= new PolicyCalculator(Catalog);

    private PolicyCalculator? calculator;

    /// <summary>A calendar provider that always returns the same calendar.</summary>
    public static Func<CancellationToken, Task<WorkingDayCalendar>> FixedCalendar(WorkingDayCalendar calendar) => _ => Task.FromResult(calendar);
}
