using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Payout;

/// <summary>
/// The treasury payment file of a batch (拨付清单): payee, credit code, bank, account, amount, clause, reference; as
/// CSV (UTF-8 with BOM so Excel reads Chinese) and XLSX. Also reads the bank's confirmation file (回单).
/// </summary>
public static class PaymentFiles
{
    /// <summary>CSV bytes of a batch.</summary>
    public static byte[] WriteCsv(IReadOnlyList<PayoutInstruction> instructions) => throw new NotImplementedException();

    /// <summary>XLSX bytes of a batch.</summary>
    public static byte[] WriteXlsx(IReadOnlyList<PayoutInstruction> instructions) => throw new NotImplementedException();

    /// <summary>
    /// Parses a bank confirmation CSV (columns: reference, amount, paidOn yyyy-MM-dd, status ok|failed, message);
    /// throws <see cref="FormatException"/> with a bilingual message naming the line.
    /// </summary>
    public static IReadOnlyList<BankConfirmation> ReadConfirmations(Stream csv) => throw new NotImplementedException();
}
