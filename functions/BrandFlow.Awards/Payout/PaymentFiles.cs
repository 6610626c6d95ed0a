using System.Globalization;
using BrandFlow.Awards.Model;
using CsvHelper;

namespace BrandFlow.Awards.Payout;

/// <summary>
/// The treasury payment file of a batch (拨付清单): payee, credit code, bank, account, amount, clause, reference; as
/// CSV (UTF-8 with BOM so Excel reads Chinese) and XLSX. Also reads the bank's confirmation file (回单).
/// </summary>
/// <remarks>
/// Both files list the instructions in the order given, one row each, under the bilingual <see cref="Columns"/>.
/// The CSV is for import into the treasury's or bank's system: amounts are plain invariant numbers with two decimals
/// ("1234.50"), and a text cell starting with = + - @ (or tab/CR) gets a leading apostrophe so a spreadsheet never
/// runs it as a formula. The XLSX is for people: amounts are number cells formatted #,##0.00, text cells are always
/// literal text (an XLSX string cell is never a formula), and a totals row closes the sheet.
/// </remarks>
public static class PaymentFiles
{
    /// <summary>The header row of both files, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "收款单位 Payee",
        "统一社会信用代码 Credit code",
        "开户银行 Bank",
        "账号 Account",
        "金额 Amount (CNY)",
        "条款 Clause",
        "业务参考号 Reference",
    ];

    /// <summary>Index of the amount column in <see cref="Columns"/>.</summary>
    public const int AmountColumn = 4;

    /// <summary>CSV bytes of a batch.</summary>
    public static byte[] WriteCsv(IReadOnlyList<PayoutInstruction> instructions)
    {
        Validate(instructions);
        using var buffer = new MemoryStream();
        var options = new CsvWriterOptions
        {
            WriteByteOrderMark = true,
            Injection = CsvInjection.Escape,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using (CsvWriter csv = CsvWriter.Create(buffer, options, true))
        {
            csv.WriteRecord([.. Columns]);
            foreach (PayoutInstruction p in instructions)
            {
                csv.WriteRecord([p.PayeeName, p.CreditCode, p.BankName, p.BankAccount, FormatAmount(p.Amount), p.ClauseId, p.Reference]);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>XLSX bytes of a batch.</summary>
    public static byte[] WriteXlsx(IReadOnlyList<PayoutInstruction> instructions)
    {
        Validate(instructions);
        return PaymentSheet.Write(instructions);
    }

    /// <summary>
    /// Parses a bank confirmation CSV (columns: reference, amount, paidOn yyyy-MM-dd, status ok|failed, message);
    /// throws <see cref="FormatException"/> with a bilingual message naming the line.
    /// </summary>
    public static IReadOnlyList<BankConfirmation> ReadConfirmations(Stream csv) => BankConfirmationReader.Read(csv);

    /// <summary>An amount as written in the CSV: invariant, two decimals, no grouping ("1234.50").</summary>
    public static string FormatAmount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static void Validate(IReadOnlyList<PayoutInstruction> instructions)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        var references = new HashSet<string>(StringComparer.Ordinal);
        foreach (PayoutInstruction p in instructions)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(instructions));
            if (p.Amount <= 0 || decimal.Round(p.Amount, 2) != p.Amount)
            {
                throw new ArgumentException(
                    $"拨付指令“{p.Reference}”的金额 {p.Amount} 无效（须为正数，最多两位小数） / instruction {p.Reference} has an invalid amount {p.Amount} (must be positive, at most two decimals)",
                    nameof(instructions));
            }

            if (string.IsNullOrWhiteSpace(p.Reference) || !references.Add(p.Reference))
            {
                throw new ArgumentException(
                    $"拨付指令的业务参考号“{p.Reference}”为空或重复 / instruction reference \"{p.Reference}\" is empty or repeated",
                    nameof(instructions));
            }
        }
    }
}
