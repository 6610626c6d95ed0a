using System.Globalization;
using System.Text;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Payout;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BrandFlow.Awards.Tests.Payout;

public class PaymentFilesTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    private static PayoutInstruction P(string reference, decimal amount, string payee = "宜昌品牌科技有限公司", string account = "4200123456789012345678") =>
        new(reference, "batch-1", "cycle-1", "app-" + reference, reference, "yc-brand-2-1", "city", payee, "91420500MA4F0XXX1L", "中国工商银行宜昌分行", account, amount, reference, Issued);

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        var rows = new List<string[]>();
        using CsvReader reader = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = false, Separator = ',' });
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }

    [Fact]
    public void WriteCsv_StartsWithUtf8Bom()
    {
        byte[] bytes = PaymentFiles.WriteCsv([P("r1", 100m)]);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("收款单位 Payee,", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteCsv_ReadBack_HeaderAndRowsInOrder()
    {
        byte[] bytes = PaymentFiles.WriteCsv([P("r1", 200000m), P("r2", 1234.5m, payee: "名称,含逗号\"和引号\"")]);

        List<string[]> rows = ReadCsv(bytes);

        Assert.Equal(3, rows.Count);
        Assert.Equal(PaymentFiles.Columns, rows[0]);
        Assert.Equal(["宜昌品牌科技有限公司", "91420500MA4F0XXX1L", "中国工商银行宜昌分行", "4200123456789012345678", "200000.00", "yc-brand-2-1", "r1"], rows[1]);
        Assert.Equal("名称,含逗号\"和引号\"", rows[2][0]);
        Assert.Equal("1234.50", rows[2][PaymentFiles.AmountColumn]);
    }

    [Fact]
    public void WriteCsv_AmountsInvariantWhateverTheCurrentCulture()
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");

            List<string[]> rows = ReadCsv(PaymentFiles.WriteCsv([P("r1", 1234567.8m)]));

            Assert.Equal("1234567.80", rows[1][PaymentFiles.AmountColumn]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    public void WriteCsv_FormulaLikeText_GetsLeadingApostrophe(string payee)
    {
        List<string[]> rows = ReadCsv(PaymentFiles.WriteCsv([P("r1", 1m, payee: payee)]));

        Assert.Equal("'" + payee, rows[1][0]);
    }

    [Fact]
    public void WriteCsv_OrdinaryTextUntouched()
    {
        List<string[]> rows = ReadCsv(PaymentFiles.WriteCsv([P("r1", 1m, payee: "A=B 公司")]));

        Assert.Equal("A=B 公司", rows[1][0]);
    }

    [Fact]
    public void WriteCsv_EmptyBatch_HeaderOnly()
    {
        List<string[]> rows = ReadCsv(PaymentFiles.WriteCsv([]));

        Assert.Single(rows);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.005")]
    public void WriteCsv_InvalidAmount_ThrowsBilingual(string amount)
    {
        var ex = Assert.Throws<ArgumentException>(() => PaymentFiles.WriteCsv([P("r1", decimal.Parse(amount, CultureInfo.InvariantCulture))]));

        Assert.Contains("金额", ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalid amount", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteXlsx_DuplicateReference_Throws()
    {
        Assert.Throws<ArgumentException>(() => PaymentFiles.WriteXlsx([P("r1", 1m), P("r1", 2m)]));
    }

    [Fact]
    public void WriteXlsx_ReadBack_OneSheetWithHeaderRowsAndTotal()
    {
        byte[] bytes = PaymentFiles.WriteXlsx([P("r1", 200000m), P("r2", 1234.5m, payee: "=cmd|' /C calc'!A0")]);

        using var stream = new MemoryStream(bytes);
        using SpreadsheetDocument document = SpreadsheetDocument.Open(stream, false);
        WorkbookPart workbook = document.WorkbookPart!;
        Sheet sheet = Assert.Single(workbook.Workbook.Sheets!.Elements<Sheet>());
        Assert.Equal("拨付清单", sheet.Name!.Value);
        var worksheet = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        List<Row> rows = [.. worksheet.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()];

        Assert.Equal(4, rows.Count);
        Assert.Equal(PaymentFiles.Columns, rows[0].Elements<Cell>().Select(TextOf));
        Assert.Equal(["宜昌品牌科技有限公司", "91420500MA4F0XXX1L", "中国工商银行宜昌分行", "4200123456789012345678"], rows[1].Elements<Cell>().Take(4).Select(TextOf));
        Assert.Equal("=cmd|' /C calc'!A0", TextOf(rows[2].Elements<Cell>().First()));
        Assert.Null(rows[2].Elements<Cell>().First().CellFormula);
        Assert.Equal("r2", TextOf(rows[2].Elements<Cell>().Last()));

        Cell amount = rows[1].Elements<Cell>().ElementAt(PaymentFiles.AmountColumn);
        Assert.Equal("E2", amount.CellReference!.Value);
        Assert.Equal(CellValues.Number, amount.DataType!.Value);
        Assert.Equal(200000m, decimal.Parse(amount.CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal(1234.5m, decimal.Parse(rows[2].Elements<Cell>().ElementAt(PaymentFiles.AmountColumn).CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal(4u, NumberFormatOf(workbook, amount));

        List<Cell> total = [.. rows[3].Elements<Cell>()];
        Assert.StartsWith("合计 Total", TextOf(total[0]), StringComparison.Ordinal);
        Assert.Equal("E4", total[1].CellReference!.Value);
        Assert.Equal(201234.5m, decimal.Parse(total[1].CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal(4u, NumberFormatOf(workbook, total[1]));
    }

    [Fact]
    public void WriteXlsx_EmptyBatch_HeaderAndZeroTotal()
    {
        using var stream = new MemoryStream(PaymentFiles.WriteXlsx([]));
        using SpreadsheetDocument document = SpreadsheetDocument.Open(stream, false);
        WorksheetPart worksheet = document.WorkbookPart!.WorksheetParts.Single();
        List<Row> rows = [.. worksheet.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()];

        Assert.Equal(2, rows.Count);
        Assert.Equal(0m, decimal.Parse(rows[1].Elements<Cell>().Last().CellValue!.Text, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WriteXlsx_PassesOpenXmlSchemaValidation()
    {
        using var stream = new MemoryStream(PaymentFiles.WriteXlsx([P("r1", 1m), P("r2", 99999999.99m)]));
        using SpreadsheetDocument document = SpreadsheetDocument.Open(stream, false);

        List<ValidationErrorInfo> errors = [.. new OpenXmlValidator().Validate(document)];

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
    }

    private static string TextOf(Cell cell) => cell.InlineString?.Text?.Text ?? cell.CellValue?.Text ?? string.Empty;

    private static uint NumberFormatOf(WorkbookPart workbook, Cell cell)
    {
        CellFormat format = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
        return format.NumberFormatId!.Value;
    }
}
