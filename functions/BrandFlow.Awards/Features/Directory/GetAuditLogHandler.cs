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
        var who = AccessRules.SignedIn(actor);
        if (!AccessRules.IsStaff(who))
        {
            var application = await this.ports.Applications.GetAsync(subjectId, cancellationToken);
            if (application is null || !AccessRules.IsOwner(who, application))
            {
                throw AwardsErrors.Forbidden("审计日志仅供工作人员查阅", "The audit log is for staff only");
            }
        }

        return await this.ports.Audit.ListAsync(subjectId, cancellationToken);
    }
}
