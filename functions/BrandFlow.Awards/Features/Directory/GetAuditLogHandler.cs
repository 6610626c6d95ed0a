using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Directory;

/// <summary>The audit log of a subject (staff only; an applicant may read its own applications' logs).</summary>
public sealed class GetAuditLogHandler
{
    private readonly AwardsPorts ports;

    /// <summary>Creates the handler over the ports (the applications and the audit log).</summary>
    public GetAuditLogHandler(AwardsPorts ports) => this.ports = ports ?? throw new ArgumentNullException(nameof(ports));

    /// <summary>The subject's audit entries.</summary>
    public async Task<IReadOnlyList<AuditEntry>> HandleAsync(UserAccount? actor, string subjectId, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.GetAuditLog, actor);
        if (!AccessPolicy.SeesAll(UseCase.GetAuditLog, who))
        {
            AccessPolicy.AuthorizeSubject(UseCase.GetAuditLog, who, await this.ports.Applications.GetAsync(subjectId, cancellationToken));
        }

        return await this.ports.Audit.ListAsync(subjectId, cancellationToken);
    }
}
