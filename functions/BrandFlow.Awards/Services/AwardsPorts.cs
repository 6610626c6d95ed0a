using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.Services;

/// <summary>The storage ports the award service reads and writes (Azure Storage in the app, in memory in tests).</summary>
public sealed record AwardsPorts(
    IApplicationStore Applications,
    IAuditLog Audit,
    IAwardLedger Ledger,
    IDirectory Directory,
    IDocumentStore Documents,
    IEvidenceStore Evidence,
    IOneTimeTokenStore Tokens,
    IMailSender Mail,
    IMailFailureLog MailFailures);
