using BrandFlow.Awards.Model;
using BrandFlow.Awards.Payout;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Fiscal;

/// <summary>The treasury payment file of a cycle's batch as CSV or XLSX (finance, administrator).</summary>
public sealed class GetPaymentFileHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public GetPaymentFileHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Writes the batch's payment file in the format asked for, audited.</summary>
    public async Task<PaymentFile> HandleAsync(UserAccount? actor, string cycleId, string format, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.GetPaymentFile, actor);
        var cycle = await this.context.ExistingCycleAsync(cycleId, cancellationToken);
        var batch = cycle.PaymentBatchId ?? throw AwardsErrors.WrongState("该申报年度尚未生成拨付批次", "The cycle has no payment batch yet");
        var instructions = await this.context.Ports.Ledger.ListBatchAsync(batch, cancellationToken);
        var file = format?.ToLowerInvariant() switch
        {
            "csv" or null or "" => new PaymentFile($"{batch}.csv", "text/csv; charset=utf-8", PaymentFiles.WriteCsv(instructions)),
            "xlsx" => new PaymentFile($"{batch}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", PaymentFiles.WriteXlsx(instructions)),
            _ => throw AwardsErrors.Invalid("format", "格式只能是 csv 或 xlsx", "The format must be csv or xlsx"),
        };
        await this.context.AuditAsync(cycleId, "payout.file-downloaded", who, file.FileName, cancellationToken);
        return file;
    }
}
