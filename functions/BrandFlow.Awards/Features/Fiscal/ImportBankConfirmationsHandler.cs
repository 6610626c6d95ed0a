using BrandFlow.Awards.Model;
using BrandFlow.Awards.Payout;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Features.Fiscal;

/// <summary>
/// Imports a bank confirmation file (finance): every line must name an instruction of the cycle's batch with its
/// amount, or nothing is marked; paid lines mark the ledger and notify the application. Re-importing is harmless.
/// </summary>
public sealed class ImportBankConfirmationsHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public ImportBankConfirmationsHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Checks every line against the batch, then signals and marks the paid ones.</summary>
    public async Task<ConfirmationImport> HandleAsync(UserAccount? actor, string cycleId, Stream csv, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.ImportBankConfirmations, actor);
        ArgumentNullException.ThrowIfNull(csv);
        var cycle = await this.context.ExistingCycleAsync(cycleId, cancellationToken);
        var batch = cycle.PaymentBatchId ?? throw AwardsErrors.WrongState("该申报年度尚未生成拨付批次", "The cycle has no payment batch yet");
        IReadOnlyList<BankConfirmation> lines;
        try
        {
            lines = PaymentFiles.ReadConfirmations(csv);
        }
        catch (FormatException ex)
        {
            var error = AwardsContext.Localised("file", ex.Message);
            throw new AwardsException("invalid-confirmations", 400, error.MessageZh, error.MessageEn, "file");
        }

        var instructions = (await this.context.Ports.Ledger.ListBatchAsync(batch, cancellationToken)).ToDictionary(i => i.Reference, StringComparer.Ordinal);
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
            await this.context.Client.RaiseEventAsync(instruction.ApplicationId, WorkflowEvents.PaymentConfirmed, confirmation, cancellationToken);
            if (line.Succeeded)
            {
                await this.context.Ports.Ledger.MarkPaidAsync(line.Reference, line.PaidOn, cancellationToken);
                marked++;
            }
            else
            {
                failed++;
            }
        }

        var result = new ConfirmationImport(lines.Count, marked, already, failed);
        await this.context.AuditAsync(cycleId, "payout.confirmations-imported", who, AwardsContext.Json(result), cancellationToken);
        return result;
    }
}
