using System.Security.Cryptography;
using System.Text;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Payout;
using BrandFlow.Awards.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Awards.Workflow;

/// <summary>Applications of a cycle with an award granted by fiscal approval and not yet paid or held (the payout batch).</summary>
public sealed class ListPayableActivity(IApplicationStore store) : TaskActivity<string, IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override async Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var applications = await store.ListByCycleAsync(input, cancellationToken: CancellationToken.None);
        return applications.Where(a => a.Status is ApplicationStatus.InPublicNotice or ApplicationStatus.Objected && a.Awards.Any(Payouts.IsPayable))
            .Select(a => a.ApplicationId).ToList();
    }
}

/// <summary>
/// Issues the instructions and ledger rows of a chunk of applications. Both writes are insert-if-absent keyed by the
/// award id, so rerunning a chunk (a retry, or a crash in the middle) adds nothing that exists.
/// </summary>
public sealed class IssuePayoutChunkActivity(IApplicationStore applications, IAwardLedger ledger, TimeProvider time, ILogger<IssuePayoutChunkActivity> logger) : TaskActivity<PayoutChunk, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, PayoutChunk input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var issued = 0;
        foreach (var id in input.ApplicationIds)
        {
            var record = await applications.GetAsync(id, CancellationToken.None);
            if (record is null)
            {
                continue;
            }

            foreach (var award in record.Awards.Where(Payouts.IsPayable))
            {
                await Payouts.IssueAsync(ledger, time, input.CycleId, input.BatchId, record, award, CancellationToken.None);
                issued++;
            }
        }

        WorkflowLog.PayoutsIssued(logger, issued, input.BatchId);
        return issued;
    }
}

/// <summary>Issues named awards of one application outside the batch (re-approved after an objection, once the notice ended).</summary>
public sealed class IssuePayoutAwardsActivity(IApplicationStore applications, IAwardLedger ledger, TimeProvider time) : TaskActivity<PayoutAwards, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, PayoutAwards input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var record = await applications.GetAsync(input.ApplicationId, CancellationToken.None)
            ?? throw new InvalidOperationException($"申报 {input.ApplicationId} 不存在 / application {input.ApplicationId} does not exist");
        var wanted = input.AwardIds.ToHashSet(StringComparer.Ordinal);
        var awards = record.Awards.Where(a => wanted.Contains(a.AwardId) && Payouts.IsPayable(a)).ToList();
        foreach (var award in awards)
        {
            await Payouts.IssueAsync(ledger, time, input.CycleId, input.BatchId, record, award, CancellationToken.None);
        }

        return awards.Count;
    }
}

/// <summary>Writes a batch's treasury payment files: payments/{batchId}.csv and payments/{batchId}.xlsx.</summary>
public sealed class WritePaymentFilesActivity(IAwardLedger ledger, IDocumentStore documents, ILogger<WritePaymentFilesActivity> logger) : TaskActivity<string, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instructions = await ledger.ListBatchAsync(input, CancellationToken.None);
        await documents.SaveAsync($"payments/{input}.csv", PaymentFiles.WriteCsv(instructions), "text/csv; charset=utf-8", CancellationToken.None);
        await documents.SaveAsync($"payments/{input}.xlsx", PaymentFiles.WriteXlsx(instructions),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", CancellationToken.None);
        WorkflowLog.PaymentFilesWritten(logger, input, instructions.Count);
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
    public static async Task IssueAsync(IAwardLedger ledger, TimeProvider time, string cycleId, string batchId, ApplicationRecord record, AwardLine award, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(award);
        var now = time.GetUtcNow();
        var amount = award.ApprovedAmount!.Value;
        var firm = record.Firm;
        await ledger.IssueInstructionAsync(new PayoutInstruction(award.AwardId, batchId, cycleId, record.ApplicationId, award.AwardId, award.ClauseId,
            award.TreasuryId, firm.Name, firm.CreditCode, firm.BankName, firm.BankAccount, amount, Reference(award.AwardId), now), cancellationToken);
        await ledger.AppendAsync(new LedgerEntry(award.AwardId, firm.CreditCode, award.ClauseId, award.ClauseVersion, award.Level, award.Subject,
            award.Identifiers, award.AchievedOn, amount, award.TreasuryId, cycleId, record.ApplicationId, now), cancellationToken);
    }
}
