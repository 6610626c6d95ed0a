using System.Text.RegularExpressions;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Policy.Calculation;

namespace BrandFlow.Awards.Services;

/// <summary>Evidence slots and inspection, the estimate, and the validation of claims shared by submission and correction.</summary>
public sealed partial class AwardsService
{
    private static readonly Regex ClaimIdPattern = new("^[A-Za-z0-9_-]{1,40}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Reserves a write-only upload URL for one evidence file of the actor's firm.</summary>
    public async Task<UploadSlot> RequestUploadSlotAsync(UserAccount? actor, UploadSlotRequest request, CancellationToken cancellationToken = default)
    {
        var (who, firm) = await this.ApplicantFirmAsync(actor, cancellationToken);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.EvidenceType) || !this.catalog.Vocabulary.EvidenceTypes.ContainsKey(request.EvidenceType))
        {
            throw AwardsErrors.Invalid("evidenceType", $"材料类型“{request.EvidenceType}”不在目录中", $"Evidence type '{request.EvidenceType}' is not in the catalog");
        }

        var name = Required(request.FileName, "fileName", "文件名", "File name");
        var slot = await this.ports.Evidence.CreateUploadSlotAsync(firm.CreditCode, request.EvidenceType, name, cancellationToken);
        await this.AuditAsync(firm.CreditCode, "evidence.slot-issued", who, $"{slot.FileId} {request.EvidenceType} {name}", cancellationToken);
        return slot;
    }

    /// <summary>Validates an uploaded file of the actor's firm; a refused file is deleted and reported as invalid.</summary>
    public async Task<EvidenceFile> InspectEvidenceAsync(UserAccount? actor, string fileId, CancellationToken cancellationToken = default)
    {
        var (who, firm) = await this.ApplicantFirmAsync(actor, cancellationToken);
        var check = await this.ports.Evidence.InspectAsync(firm.CreditCode, Required(fileId, "fileId", "文件编号", "File id"), cancellationToken);
        if (!check.Accepted)
        {
            await this.AuditAsync(firm.CreditCode, "evidence.refused", who, $"{fileId} {check.RefusalCode}", cancellationToken);
            throw new AwardsException("evidence-" + (check.RefusalCode ?? "refused"), 400, check.MessageZh ?? "文件未通过检查", check.MessageEn ?? "The file was refused", "fileId");
        }

        await this.AuditAsync(firm.CreditCode, "evidence.accepted", who, $"{fileId} {check.File!.ContentType} {check.File.Sha256}", cancellationToken);
        return check.File;
    }

    /// <summary>The calculator's estimate for the actor's firm under a cycle (no side effect).</summary>
    public async Task<EstimateResult> PreviewEstimateAsync(UserAccount? actor, ClaimsRequest request, CancellationToken cancellationToken = default)
    {
        var (_, firm) = await this.ApplicantFirmAsync(actor, cancellationToken);
        ArgumentNullException.ThrowIfNull(request);
        var cycle = await this.CycleForFirmAsync(request.CycleId, firm, cancellationToken);
        ValidateClaimShapes(request.Claims);
        return new EstimateResult(cycle.Definition.CycleId, firm.CreditCode, await this.EvaluateAsync(cycle.Definition, firm, request.Claims, cancellationToken));
    }

    /// <summary>The firm of a signed-in applicant.</summary>
    private async Task<(UserAccount Who, Firm Firm)> ApplicantFirmAsync(UserAccount? actor, CancellationToken cancellationToken)
    {
        var who = AccessRules.Require(actor, Role.Applicant);
        var firm = who.CreditCode is { Length: > 0 } code ? await this.ports.Directory.GetFirmAsync(code, cancellationToken) : null;
        return (who, firm ?? throw AwardsErrors.Forbidden("账号未绑定已登记的申报单位", "The account is not bound to a registered firm"));
    }

    /// <summary>The cycle, when the firm's jurisdiction may apply to it.</summary>
    private async Task<CycleRecord> CycleForFirmAsync(string cycleId, Firm firm, CancellationToken cancellationToken)
    {
        var cycle = await this.ExistingCycleAsync(cycleId, cancellationToken);
        if (!this.catalog.Chain(firm.Jurisdiction).Any(j => j.Code == cycle.Definition.Jurisdiction))
        {
            throw AwardsErrors.NotFound("申报年度", "cycle", cycleId);
        }

        return cycle;
    }

    /// <summary>Runs the calculator as the application orchestration will (the shared <see cref="ApplicationEstimator"/>).</summary>
    private async Task<EvaluationResult> EvaluateAsync(CycleDefinition cycle, Firm firm, IReadOnlyList<ClaimInput> claims, CancellationToken cancellationToken)
    {
        var prior = await this.ports.Ledger.ListByFirmAsync(firm.CreditCode, cancellationToken);
        try
        {
            return this.estimator.Evaluate(cycle, firm, claims, prior);
        }
        catch (EvaluationInputException ex)
        {
            throw AwardsErrors.Invalid(ex.Errors.Select(e => Localised(ClaimField(e.Field), e.Message)).ToList());
        }
    }

    /// <summary>Checks claims and their evidence, then returns the validated evidence files (inspected, owned by the firm).</summary>
    private async Task<(IReadOnlyList<EvidenceFile> Evidence, EvaluationResult Estimate)> ValidateClaimsAsync(CycleDefinition cycle, Firm firm, IReadOnlyList<ClaimInput> claims, CancellationToken cancellationToken)
    {
        ValidateClaimShapes(claims);
        var estimate = await this.EvaluateAsync(cycle, firm, claims, cancellationToken);
        return (await this.InspectAllAsync(firm, claims.Select((c, i) => (c.EvidenceFileIds, $"claims[{i}].evidenceFileIds")).ToList(), cancellationToken), estimate);
    }

    /// <summary>Inspects every referenced file once; any refused or foreign file fails the whole request.</summary>
    private async Task<IReadOnlyList<EvidenceFile>> InspectAllAsync(Firm firm, IReadOnlyList<(IReadOnlyList<string> Ids, string Field)> groups, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, EvidenceFile>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        foreach (var (ids, field) in groups)
        {
            for (var j = 0; j < ids.Count; j++)
            {
                var id = ids[j];
                if (files.ContainsKey(id))
                {
                    continue;
                }

                EvidenceCheck check;
                try
                {
                    check = string.IsNullOrWhiteSpace(id)
                        ? new EvidenceCheck(null, "missing", "文件编号为空", "Empty file id")
                        : await this.ports.Evidence.InspectAsync(firm.CreditCode, id, cancellationToken);
                }
                catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or KeyNotFoundException or FileNotFoundException)
                {
                    check = new EvidenceCheck(null, "missing", "找不到该文件", "File not found");
                }

                if (check.Accepted)
                {
                    files[id] = check.File!;
                }
                else
                {
                    errors.Add(new FieldError($"{field}[{j}]", $"材料“{id}”不可用：{check.MessageZh}", $"Evidence '{id}' cannot be used: {check.MessageEn}"));
                }
            }
        }

        return errors.Count > 0 ? throw AwardsErrors.Invalid(errors) : files.Values.ToList();
    }

    private static void ValidateClaimShapes(IReadOnlyList<ClaimInput>? claims)
    {
        if (claims is null || claims.Count == 0)
        {
            throw AwardsErrors.Invalid("claims", "至少需要申报一项", "At least one claim is required");
        }

        var errors = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            if (claim is null || claim.ClaimId is null || !ClaimIdPattern.IsMatch(claim.ClaimId))
            {
                errors.Add(new FieldError($"claims[{i}].claimId", "申报项编号须为 1–40 个字母、数字、下划线或连字符", "Claim ids are 1–40 letters, digits, underscores or hyphens"));
            }
            else if (!seen.Add(claim.ClaimId))
            {
                errors.Add(new FieldError($"claims[{i}].claimId", $"申报项编号“{claim.ClaimId}”重复", $"Claim id '{claim.ClaimId}' is repeated"));
            }

            if (claim?.Achievement is null)
            {
                errors.Add(new FieldError($"claims[{i}].achievement", "缺少成果信息", "The achievement is required"));
            }

            if (claim?.EvidenceFileIds is null || claim.EvidenceFileIds.Count == 0)
            {
                errors.Add(new FieldError($"claims[{i}].evidenceFileIds", "每个申报项至少需要一份证明材料", "Each claim needs at least one evidence file"));
            }
        }

        if (errors.Count > 0)
        {
            throw AwardsErrors.Invalid(errors);
        }
    }


    /// <summary>Maps the calculator's field path ("achievements[0].kind") to the request's ("claims[0].achievement.kind").</summary>
    private static string ClaimField(string field) =>
        field.StartsWith("achievements[", StringComparison.Ordinal) && field.IndexOf(']', StringComparison.Ordinal) is var close and > 0
            ? $"claims[{field[13..close]}].achievement{field[(close + 1)..]}"
            : field;

    /// <summary>Splits a bilingual "中文 / English" message.</summary>
    private static FieldError Localised(string field, string message)
    {
        var parts = message.Split(" / ", 2);
        return new FieldError(field, parts[0], parts.Length > 1 ? parts[1] : parts[0]);
    }
}
