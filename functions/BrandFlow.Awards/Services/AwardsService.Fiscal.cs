using BrandFlow.Awards.Fiscal;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Payout;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Services;

/// <summary>Fiscal approval (simulate, approve), payment files and the import of bank confirmations.</summary>
public sealed partial class AwardsService
{
    /// <summary>Simulates a cycle's batch under a rule against its budgets (finance, administrator); no side effect.</summary>
    public async Task<AllocationResult> SimulateFiscalAsync(UserAccount? actor, string cycleId, AllocationRuleKind rule, CancellationToken cancellationToken = default)
    {
        AccessRules.Require(actor, Role.Finance, Role.Administrator);
        var cycle = await this.ExistingCycleAsync(cycleId, cancellationToken);
        return await this.SimulateAsync(cycle, rule, cancellationToken);
    }

    /// <summary>Approves a cycle's batch under a rule (finance): the cycle applies the same allocation the simulation shows.</summary>
    public async Task<AllocationResult> ApproveFiscalAsync(UserAccount? actor, string cycleId, AllocationRuleKind rule, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.Require(actor, Role.Finance);
        var cycle = await this.ExistingCycleAsync(cycleId, cancellationToken);
        if (cycle.Status != CycleStatus.AwaitingFiscalApproval)
        {
            throw AwardsErrors.WrongState("该申报年度当前不在财政审批阶段", "The cycle is not waiting for fiscal approval");
        }

        var result = await this.SimulateAsync(cycle, rule, cancellationToken);
        await this.client.RaiseEventAsync(cycleId, WorkflowEvents.FiscalApproved, new FiscalApprovalEvent(rule, who.Email, this.Now), cancellationToken);
        await this.AuditAsync(cycleId, "fiscal.approved", who, Json(new { rule, result.Treasuries }), cancellationToken);
        return result;
    }

    /// <summary>The treasury payment file of a cycle's batch as CSV or XLSX (finance, administrator).</summary>
    public async Task<PaymentFile> GetPaymentFileAsync(UserAccount? actor, string cycleId, string format, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.Require(actor, Role.Finance, Role.Administrator);
        var cycle = await this.ExistingCycleAsync(cycleId, cancellationToken);
        var batch = cycle.PaymentBatchId ?? throw AwardsErrors.WrongState("该申报年度尚未生成拨付批次", "The cycle has no payment batch yet");
        var instructions = await this.ports.Ledger.ListBatchAsync(batch, cancellationToken);
        var file = format?.ToLowerInvariant() switch
        {
            "csv" or null or "" => new PaymentFile($"{batch}.csv", "text/csv; charset=utf-8", PaymentFiles.WriteCsv(instructions)),
            "xlsx" => new PaymentFile($"{batch}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", PaymentFiles.WriteXlsx(instructions)),
            _ => throw AwardsErrors.Invalid("format", "格式只能是 csv 或 xlsx", "The format must be csv or xlsx"),
        };
        await this.AuditAsync(cycleId, "payout.file-downloaded", who, file.FileName, cancellationToken);
        return file;
    }

    /// <summary>
    /// Imports a bank confirmation file (finance): every line must name an instruction of the cycle's batch with its
    /// amount, or nothing is marked; paid lines mark the ledger and notify the application. Re-importing is harmless.
    /// </summary>
    public async Task<ConfirmationImport> ImportBankConfirmationsAsync(UserAccount? actor, string cycleId, Stream csv, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.Require(actor, Role.Finance);
        ArgumentNullException.ThrowIfNull(csv);
        var cycle = await this.ExistingCycleAsync(cycleId, cancellationToken);
        var batch = cycle.PaymentBatchId ?? throw AwardsErrors.WrongState("该申报年度尚未生成拨付批次", "The cycle has no payment batch yet");
        IReadOnlyList<BankConfirmation> lines;
        try
        {
            lines = PaymentFiles.ReadConfirmations(csv);
        }
        catch (FormatException ex)
        {
            var error = Localised("file", ex.Message);
            throw new AwardsException("invalid-confirmations", 400, error.MessageZh, error.MessageEn, "file");
        }

        var instructions = (await this.ports.Ledger.ListBatchAsync(batch, cancellationToken)).ToDictionary(i => i.Reference, StringComparer.Ordinal);
        var errors = new List<FieldError>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!instructions.TryGetValue(lines[i].Reference, out var instruction))
            {
                errors.Add(new FieldError($"lines[{i}].reference", $"第 {i + 1} 行：本批次没有编号为“{lines[i].Reference}”的拨付指令", $"Line {i + 1}: no instruction '{lines[i].Reference}' in this batch"));
            }
            else if (instruction.Amount != lines[i].Amount)
            {
                errors.Add(new FieldError($"lines[{i}].amount", $"第 {i + 1} 行：金额 {lines[i].Amount} 与指令金额 {instruction.Amount} 不符", $"Line {i + 1}: amount {lines[i].Amount} differs from the instruction's {instruction.Amount}"));
            }
        }

        if (errors.Count > 0)
        {
            throw AwardsErrors.Invalid(errors);
        }

        int marked = 0, already = 0, failed = 0;
        foreach (var line in lines)
        {
            var instruction = instructions[line.Reference];
            if (instruction.PaidOn is not null)
            {
                already++;
                continue;
            }

            // Signal first, mark second: a crash in between leaves the line unmarked, so a re-import signals again
            // (the application ignores a second confirmation of an award) instead of losing the signal.
            var confirmation = new PaymentConfirmationEvent(instruction.AwardId, line.Reference, line.Succeeded, line.PaidOn, line.Message);
            await this.client.RaiseEventAsync(instruction.ApplicationId, WorkflowEvents.PaymentConfirmed, confirmation, cancellationToken);
            if (line.Succeeded)
            {
                await this.ports.Ledger.MarkPaidAsync(line.Reference, line.PaidOn, cancellationToken);
                marked++;
            }
            else
            {
                failed++;
            }
        }

        var result = new ConfirmationImport(lines.Count, marked, already, failed);
        await this.AuditAsync(cycleId, "payout.confirmations-imported", who, Json(result), cancellationToken);
        return result;
    }

    private async Task<AllocationResult> SimulateAsync(CycleRecord cycle, AllocationRuleKind rule, CancellationToken cancellationToken)
    {
        // The very computation the cycle's Allocate activity applies on approval.
        var allocation = await FiscalSimulation.SimulateAsync(this.ports.Applications, cycle.Definition.CycleId, rule, cancellationToken);
        return allocation.Result;
    }
}
