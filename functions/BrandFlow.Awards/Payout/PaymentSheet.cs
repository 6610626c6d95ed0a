using BrandFlow.Awards.Model;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BrandFlow.Awards.Payout;

/// <summary>Writes the payment file as a one-sheet XLSX workbook with OpenXML.</summary>
internal static class PaymentSheet
{
    /// <summary>Name of the only sheet.</summary>
    public const string SheetName = "拨付清单";

    /// <summary>Built-in number format "#,##0.00".</summary>
    public const uint AmountFormatId = 4;

    // Cell style indexes in the stylesheet below.
    private const uint TextStyle = 0;
    private const uint HeaderStyle = 1;
    private const uint AmountStyle = 2;
    private const uint TotalAmountStyle = 3;

    public static byte[] Write(IReadOnlyList<PayoutInstruction> instructions)
    {
        using var buffer = new MemoryStream();
        using (SpreadsheetDocument document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            WorkbookPart workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            WorkbookStylesPart styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();

            WorksheetPart sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint row = 1;
            data.Append(TextRow(row++, PaymentFiles.Columns, HeaderStyle));
            foreach (PayoutInstruction p in instructions)
            {
                var r = new Row { RowIndex = row };
                r.Append(
                    Text("A", row, p.PayeeName),
                    Text("B", row, p.CreditCode),
                    Text("C", row, p.BankName),
                    Text("D", row, p.BankAccount),
                    Amount("E", row, p.Amount, AmountStyle),
                    Text("F", row, p.ClauseId),
                    Text("G", row, p.Reference));
                data.Append(r);
                row++;
            }

            var total = new Row { RowIndex = row };
            total.Append(
                Text("A", row, $"合计 Total ({instructions.Count})", HeaderStyle),
                Amount("E", row, instructions.Sum(p => p.Amount), TotalAmountStyle));
            data.Append(total);

            sheetPart.Worksheet = new Worksheet(Widths(), data);
            workbookPart.Workbook.Append(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName }));
        }

        return buffer.ToArray();
    }

    private static Row TextRow(uint row, IReadOnlyList<string> values, uint style)
    {
        var r = new Row { RowIndex = row };
        for (int i = 0; i < values.Count; i++)
        {
            r.Append(Text(ColumnName(i), row, values[i], style));
        }

        return r;
    }

    // Inline strings: the text is stored as text, never read as a formula or a number (long account numbers stay exact).
    private static Cell Text(string column, uint row, string value, uint style = TextStyle) =>
        new(new InlineString(new Text(value ?? string.Empty) { Space = SpaceProcessingModeValues.Preserve }))
        {
            CellReference = column + row,
            DataType = CellValues.InlineString,
            StyleIndex = style,
        };

    private static Cell Amount(string column, uint row, decimal value, uint style) =>
        new(new CellValue(value))
        {
            CellReference = column + row,
            DataType = CellValues.Number,
            StyleIndex = style,
        };

    private static string ColumnName(int index) => ((char)('A' + index)).ToString();

    private static Columns Widths()
    {
        double[] widths = [36, 24, 28, 26, 16, 24, 30];
        var columns = new Columns();
        for (int i = 0; i < widths.Length; i++)
        {
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true });
        }

        return columns;
    }

    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(),
            new Font(new Bold())) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 },
            new CellFormat { FontId = 1, FillId = 0, BorderId = 0, NumberFormatId = 0, ApplyFont = true },
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = AmountFormatId, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, FillId = 0, BorderId = 0, NumberFormatId = AmountFormatId, ApplyNumberFormat = true, ApplyFont = true })
        { Count = 4 });
}
