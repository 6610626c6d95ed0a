using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Applications;

/// <summary>A short-lived read URL of an evidence file: its applicant and the staff assigned to the application only.</summary>
public sealed class GetEvidenceUrlHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public GetEvidenceUrlHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>The read URL of one of the application's evidence files, audited.</summary>
    public async Task<Uri> HandleAsync(UserAccount? actor, string applicationId, string fileId, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.GetEvidenceUrl, actor);
        var application = await this.context.VisibleApplicationAsync(UseCase.GetEvidenceUrl, who, applicationId, cancellationToken);
        if (!application.Evidence.Any(f => f.FileId == fileId))
        {
            throw AwardsErrors.NotFound("材料", "evidence file", fileId);
        }

        var url = await this.context.Ports.Evidence.CreateReadUrlAsync(fileId, this.context.Options.EvidenceReadLifetime, cancellationToken);
        await this.context.AuditAsync(applicationId, "evidence.read", who, fileId, cancellationToken);
        return url;
    }
}
