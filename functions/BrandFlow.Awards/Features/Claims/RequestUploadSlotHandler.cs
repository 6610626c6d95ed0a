using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Claims;

/// <summary>Reserves a write-only upload URL for one evidence file of the actor's firm.</summary>
public sealed class RequestUploadSlotHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public RequestUploadSlotHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Reserves a write-only upload URL for one evidence file of the actor's firm.</summary>
    public async Task<UploadSlot> HandleAsync(UserAccount? actor, UploadSlotRequest request, CancellationToken cancellationToken = default)
    {
        var (who, firm) = await this.context.ApplicantFirmAsync(UseCase.RequestUploadSlot, actor, cancellationToken);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.EvidenceType) || !this.context.Catalog.Vocabulary.EvidenceTypes.ContainsKey(request.EvidenceType))
        {
            throw AwardsErrors.Invalid("evidenceType", $"材料类型“{request.EvidenceType}”不在目录中", $"Evidence type '{request.EvidenceType}' is not in the catalog");
        }

        var name = AwardsContext.Required(request.FileName, "fileName", "文件名", "File name");
        var slot = await this.context.Ports.Evidence.CreateUploadSlotAsync(firm.CreditCode, request.EvidenceType, name, cancellationToken);
        await this.context.AuditAsync(firm.CreditCode, "evidence.slot-issued", who, $"{slot.FileId} {request.EvidenceType} {name}", cancellationToken);
        return slot;
    }
}
