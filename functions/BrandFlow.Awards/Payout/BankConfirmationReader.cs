using System.Globalization;
using BrandFlow.Awards.Model;
using CsvHelper;

namespace BrandFlow.Awards.Payout;

/// <summary>Reads the bank's confirmation CSV (回单): reference, amount, paidOn, status, message.</summary>
internal static class BankConfirmationReader
{
    private static readonly string[] Header = ["reference", "amount", "paidOn", "status", "message"];

    public static IReadOnlyList<BankConfirmation> Read(Stream csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            TrimWhitespace = true,
        };

        try
        {
            using CsvReader reader = CsvReader.Create(csv, options, true);
            CheckHeader(reader.Headers);
            var confirmations = new List<BankConfirmation>();
            var seen = new Dictionary<string, long>(StringComparer.Ordinal);
            while (reader.Read())
            {
                long line = reader.LineNumber;
                BankConfirmation confirmation = ReadRow(reader, line);
                if (seen.TryGetValue(confirmation.Reference, out long first))
                {
                    throw Bad(line, $"业务参考号“{confirmation.Reference}”已在第 {first} 行出现", $"reference \"{confirmation.Reference}\" already appears on line {first}");
                }

                seen[confirmation.Reference] = line;
                confirmations.Add(confirmation);
            }

            return confirmations;
        }
        catch (CsvFormatException ex)
        {
            throw Bad(ex.LineNumber, "CSV 格式错误（引号不匹配等）", "malformed CSV (unbalanced quotes or similar)", ex);
        }
    }

    private static void CheckHeader(IReadOnlyList<string> headers)
    {
        bool matches = headers.Count >= Header.Length - 1 && headers.Count <= Header.Length;
        for (int i = 0; matches && i < headers.Count; i++)
        {
            matches = string.Equals(headers[i].Trim(), Header[i], StringComparison.OrdinalIgnoreCase);
        }

        if (!matches)
        {
            throw Bad(
                1,
                $"表头应为“{string.Join(',', Header)}”，实际为“{string.Join(',', headers)}”",
                $"the header must be \"{string.Join(',', Header)}\", found \"{string.Join(',', headers)}\"");
        }
    }

    private static BankConfirmation ReadRow(CsvReader reader, long line)
    {
        if (reader.FieldCount < Header.Length - 1 || reader.FieldCount > Header.Length)
        {
            throw Bad(line, $"应有 4 或 5 列，实际 {reader.FieldCount} 列", $"expected 4 or 5 fields, found {reader.FieldCount}");
        }

        string reference = reader.GetString(0).Trim();
        if (reference.Length == 0)
        {
            throw Bad(line, "业务参考号为空", "the reference is empty");
        }

        string amountText = reader.GetString(1).Trim();
        if (!decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount)
            || decimal.Round(amount, 2) != amount)
        {
            throw Bad(line, $"金额“{amountText}”不是有效金额（如 1234.50）", $"amount \"{amountText}\" is not a valid amount (e.g. 1234.50)");
        }

        string dateText = reader.GetString(2).Trim();
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly paidOn))
        {
            throw Bad(line, $"日期“{dateText}”不是 yyyy-MM-dd 格式", $"date \"{dateText}\" is not a yyyy-MM-dd date");
        }

        string status = reader.GetString(3).Trim();
        bool succeeded = status.ToUpperInvariant() switch
        {
            "OK" => true,
            "FAILED" => false,
            _ => throw Bad(line, $"状态“{status}”应为 ok 或 failed", $"status \"{status}\" must be ok or failed"),
        };

        string? message = reader.FieldCount > 4 ? reader.GetString(4).Trim() : null;
        return new BankConfirmation(reference, amount, paidOn, succeeded, string.IsNullOrEmpty(message) ? null : message);
    }

    private static FormatException Bad(long line, string zh, string en, Exception? inner = null) =>
        new($"银行回单第 {line} 行：{zh} / bank confirmation line {line}: {en}", inner);
}
