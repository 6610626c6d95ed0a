using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Directory;

/// <summary>A firm: its own applicants and staff may read it.</summary>
public sealed class GetFirmHandler
{
    private readonly IDirectory directory;

    /// <summary>Creates the handler over the directory.</summary>
    public GetFirmHandler(IDirectory directory) => this.directory = directory ?? throw new ArgumentNullException(nameof(directory));

    /// <summary>The firm, or not found (also for a firm the actor may not read).</summary>
    public async Task<Firm> HandleAsync(UserAccount? actor, string creditCode, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.GetFirm, actor);
        var code = (creditCode ?? string.Empty).ToUpperInvariant();
        var firm = await this.directory.GetFirmAsync(code, cancellationToken);
        return AccessPolicy.AuthorizeFirmRead(UseCase.GetFirm, who, firm, code);
    }
}
