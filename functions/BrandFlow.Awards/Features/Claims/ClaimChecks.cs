using System.Text.RegularExpressions;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;
using BrandFlow.Policy.Calculation;

namespace BrandFlow.Awards.Features.Claims;

/// <summary>The validation of claims and their evidence shared by submission, correction, answers and the estimate.</summary>
internal sealed class ClaimChecks(AwardsContext context)
{
    private static readonly Regex ClaimIdPattern = new("^[A-Za-z0-9_-]{1,40}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The cycle, when the firm's jurisdiction may apply to it.</summary>
    public async Task<CycleRecord> CycleForFirmAsync(UseCase useCase, string cycleId, Firm firm, CancellationToken cancellationToken)
    {
        var cycle = await context.ExistingCycleAsync(cycleId, cancellationToken);
        return AccessPolicy.AuthorizeCycle(useCase, context.Chain(firm), cycle, cycleId);
    }

    /// <summary>Runs the calculator as the application orchestration will (the shared <see cref="ApplicationEstimator"/>).</summary>
    public async Task<EvaluationResult> EvaluateAsync(CycleDefinition cycle, Firm firm, IReadOnlyList<ClaimInput> claims, CancellationToken cancellationToken)
    {
        var prior = await context.Ports.Ledger.ListByFirmAsync(firm.CreditCode, cancellationToken);
        try
        {
            return context.Estimator.Evaluate(cycle, firm, claims, prior);
        }
        catch (EvaluationInputException ex)
        {
            throw AwardsErrors.Invalid(ex.Errors.Select(e => AwardsContext.Localised(ClaimField(e.Field), e.Message)).ToList());
        }
    }

    /// <summary>Checks claims and their evidence, then returns the validated evidence files (inspected, owned by the firm).</summary>
    public async Task<(IReadOnlyList<EvidenceFile> Evidence, EvaluationResult Estimate)> ValidateClaimsAsync(CycleDefinition cycle, Firm firm, IReadOnlyList<ClaimInput> claims, CancellationToken cancellationToken)
    {
        ValidateClaimShapes(claims);
        var estimate = await this.EvaluateAsync(cycle, firm, claims, cancellationToken);
        return (await this.InspectAllAsync(firm, claims.Select((c, i) => (c.EvidenceFileIds, $"claims[{i}].evidenceFileIds")).ToList(), cancellationToken), estimate);
    }

    /// <summary>Inspects every referenced file once; any refused or foreign file fails the whole request.</summary>
    public async Task<IReadOnlyList<EvidenceFile>> InspectAllAsync(Firm firm, IReadOnlyList<(IReadOnlyList<string> Ids, string Field)> groups, CancellationToken cancellationToken)
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
                        : await context.Ports.Evidence.InspectAsync(firm.CreditCode, id, cancellationToken);
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

    /// <summary>Checks the shape of the claims (ids, achievements, evidence) before the calculator sees them.</summary>
    public static void ValidateClaimShapes(IReadOnlyList<ClaimInput>? claims)
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
}
