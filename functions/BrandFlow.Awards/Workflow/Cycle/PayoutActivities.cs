using System.Security.Cryptography;
using System.Text;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Payout;
using BrandFlow.Durable;

namespace BrandFlow.Awards.Workflow;

/// <summary>Applications of a cycle with an award granted by fiscal approval and not yet paid or held (the payout batch).</summary>
public sealed class ListPayableActivity(AwardEnvironment env) : AwardActivity<string, IReadOnlyList<string>>(env)
{
    /// <inheritdoc />
    public override async Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var applications = await Env.Applications.ListByCycleAsync(input, cancellationToken: context.CancellationToken);
        return applications.Where(a => a.Status is ApplicationStatus.InPublicNotice or ApplicationStatus.Objected && a.Awards.Any(Payouts.IsPayable))
            .Select(a => a.ApplicationId).ToList();
    }
}

/// <summary>
/// Issues the instructions and ledger rows of a chunk of applications. Both writes are insert-if-absent keyed by the
/// award id, so rerunning a chunk (a retry, or a crash in the middle) adds nothing that exists.
/// </summary>
public sealed class IssuePayoutChunkActivity(AwardEnvironment env) : AwardActivity<PayoutChunk, int>(env)
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, PayoutChunk input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var issued = 0;
        foreach (var id in input.ApplicationIds)
        {
            var record = await Env.Applications.GetAsync(id, context.CancellationToken);
            if (record is null)
            {
                continue;
            }

            foreach (var award in record.Awards.Where(Payouts.IsPayable))
            {
                await Payouts.IssueAsync(Env, input.CycleId, input.BatchId, record, award, context.CancellationToken);
                issued++;
            }
        }

        return issued;
    }
}

/// <summary>Issues named awards of one application outside the batch (re-approved after an objection, once the notice ended).</summary>
public sealed class IssuePayoutAwardsActivity(AwardEnvironment env) : AwardActivity<PayoutAwards, int>(env)
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, PayoutAwards input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var record = await Env.Applications.GetAsync(input.ApplicationId, context.CancellationToken)
            ?? throw new InvalidOperationException($"申报 {input.ApplicationId} 不存在 / application {input.ApplicationId} does not exist");
        var wanted = input.AwardIds.ToHashSet(StringComparer.Ordinal);
        var awards = record.Awards.Where(a => wanted.Contains(a.AwardId) && Payouts.IsPayable(a)).ToList();
        foreach (var award in awards)
        {
            await Payouts.IssueAsync(Env, input.CycleId, input.BatchId, record, award, context.CancellationToken);
        }

        return awards.Count;
    }
}

/// <summary>Writes a batch's treasury payment files: payments/{batchId}.csv and payments/{batchId}.xlsx.</summary>
public sealed class WritePaymentFilesActivity(AwardEnvironment env) : AwardActivity<string, int>(env)
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instructions = await Env.Ledger.ListBatchAsync(input, context.CancellationToken);
        await Env.Documents.SaveAsync($"payments/{input}.csv", PaymentFiles.WriteCsv(instructions), "text/csv; charset=utf-8", context.CancellationToken);
        await Env.Documents.SaveAsync($"payments/{input}.xlsx", PaymentFiles.WriteXlsx(instructions),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", context.CancellationToken);
        return instructions.Count;
    }
}

/// <summary>Payout rules shared by the batch and the late payouts.</summary>
public static class Payouts
{
    /// <summary>An award is payable when approved with a granted amount and not held, paid or waitlisted.</summary>
    public static bool IsPayable(AwardLine award)
    {
        ArgumentNullException.ThrowIfNull(award);
        return award.State == AwardStates.Approved && award.ApprovedAmount > 0;
    }

    /// <summary>The bank reference of an award: "BF" + 16 hex digits of the SHA-256 of its id (stable across retries).</summary>
    public static string Reference(string awardId) =>
        "BF" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(awardId)), 0, 8);

    /// <summary>Issues one award's instruction, then its ledger row; each is insert-if-absent by the award id.</summary>
    public static async Task IssueAsync(AwardEnvironment env, string cycleId, string batchId, ApplicationRecord record, AwardLine award, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(award);
        var now = env.Time.GetUtcNow();
        var amount = award.ApprovedAmount!.Value;
        var firm = record.Firm;
        await env.Ledger.IssueInstructionAsync(new PayoutInstruction(award.AwardId, batchId, cycleId, record.ApplicationId, award.AwardId, award.ClauseId,
            award.TreasuryId, firm.Name, firm.CreditCode, firm.BankName, firm.BankAccount, amount, Reference(award.AwardId), now), cancellationToken);
        await env.Ledger.AppendAsync(new LedgerEntry(award.AwardId, firm.CreditCode, award.ClauseId, award.ClauseVersion, award.Level, award.Subject,
            award.Identifiers, award.AchievedOn, amount, award.TreasuryId, cycleId, record.ApplicationId, now), cancellationToken);
    }
}
