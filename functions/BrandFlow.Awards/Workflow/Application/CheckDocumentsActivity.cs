using BrandFlow.Awards.Evidence;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using BrandFlow.Policy;
using BrandFlow.Policy.Catalog;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// The automatic document check (形式审查): required evidence types per clause, file sizes, the same file or identifier
/// already claimed by another firm or application, the credit code; then the evidence is sealed. Claims in the
/// registry are insert-if-absent, so a repeated run finds this application as the owner of its own keys.
/// </summary>
public sealed class CheckDocumentsActivity(PolicyCatalog catalog, IClaimRegistry claims, IEvidenceStore evidence, ILogger<CheckDocumentsActivity> logger) : TaskActivity<DocumentCheckRequest, DocumentCheckResult>
{
    /// <inheritdoc />
    public override async Task<DocumentCheckResult> RunAsync(TaskActivityContext context, DocumentCheckRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var token = CancellationToken.None;
        var defects = new List<Defect>();
        if (CreditCode.Check(input.Firm.CreditCode) is { } creditError)
        {
            defects.Add(new Defect("invalid-credit-code", null, $"统一社会信用代码无效：{creditError}", $"invalid credit code: {creditError}"));
        }

        var files = input.Evidence.ToDictionary(f => f.FileId, StringComparer.Ordinal);
        var clauses = catalog.Clauses.ToLookup(c => c.Id, StringComparer.Ordinal);
        foreach (var claim in input.Claims)
        {
            var present = claim.EvidenceFileIds.Where(files.ContainsKey).Select(id => files[id].EvidenceType).ToHashSet(StringComparer.Ordinal);
            var required = input.Awards.Where(a => a.ClaimId == claim.ClaimId)
                .SelectMany(a => clauses[a.ClauseId].Where(c => c.Version == a.ClauseVersion).DefaultIfEmpty(clauses[a.ClauseId].FirstOrDefault()))
                .Where(c => c is not null).SelectMany(c => c!.Evidence).Distinct(StringComparer.Ordinal);
            foreach (var type in required.Where(t => !present.Contains(t)))
            {
                defects.Add(new Defect("missing-evidence", claim.ClaimId, $"申报事项 {claim.ClaimId} 缺少证明材料：{type}", $"claim {claim.ClaimId} lacks evidence of type '{type}'"));
            }

            foreach (var missing in claim.EvidenceFileIds.Where(id => !files.ContainsKey(id)))
            {
                defects.Add(new Defect("missing-evidence", claim.ClaimId, $"申报事项 {claim.ClaimId} 引用的文件 {missing} 不存在", $"claim {claim.ClaimId} refers to a file {missing} that was not uploaded"));
            }
        }

        foreach (var file in input.Evidence.Where(f => f.Length <= 0 || f.Length > EvidenceInspector.MaxLength))
        {
            defects.Add(new Defect("invalid-file", null, $"文件 {file.FileName} 大小不符合要求", $"file {file.FileName} is empty or too large"));
        }

        var keys = new List<string>();
        foreach (var file in input.Evidence)
        {
            var key = $"sha256:{file.Sha256}";
            keys.Add(key);
            var owner = await claims.ClaimAsync(key, input.Firm.CreditCode, input.ApplicationId, token);
            if (owner.ApplicationId != input.ApplicationId)
            {
                defects.Add(Duplicate("duplicate-file", null, owner, input.Firm.CreditCode, $"文件 {file.FileName}", $"file {file.FileName}"));
            }
        }

        foreach (var claim in input.Claims)
        {
            foreach (var identifier in (claim.Achievement.Identifiers ?? []).Select(Normalise).Distinct(StringComparer.Ordinal))
            {
                var key = $"id:{identifier}";
                keys.Add(key);
                var owner = await claims.ClaimAsync(key, input.Firm.CreditCode, input.ApplicationId, token);
                if (owner.ApplicationId != input.ApplicationId)
                {
                    defects.Add(Duplicate("duplicate-identifier", claim.ClaimId, owner, input.Firm.CreditCode, $"编号 {identifier}", $"identifier {identifier}"));
                }
            }
        }

        WorkflowLog.DocumentsChecked(logger, input.ApplicationId, defects.Count);
        await evidence.SealAsync(input.ApplicationId, input.Evidence, token);
        return new DocumentCheckResult(defects, keys.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>Normal form of an identifier for duplicate checks: trimmed, upper case, single spaces.</summary>
    public static string Normalise(string identifier) =>
        string.Join(' ', (identifier ?? string.Empty).Trim().ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static Defect Duplicate(string code, string? claimId, Ports.ClaimOwner owner, string creditCode, string zh, string en) =>
        owner.CreditCode == creditCode
            ? new Defect(code, claimId, $"{zh} 已在本单位另一申报（{owner.ApplicationId}）中使用", $"{en} is already claimed in another application of this firm ({owner.ApplicationId})")
            : new Defect(code, claimId, $"{zh} 已被其他单位申报", $"{en} is already claimed by another firm");
}
