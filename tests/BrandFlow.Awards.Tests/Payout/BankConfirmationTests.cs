using System.Text;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Payout;

namespace BrandFlow.Awards.Tests.Payout;

public class BankConfirmationTests
{
    private const string Header = "reference,amount,paidOn,status,message\n";

    private static IReadOnlyList<BankConfirmation> Read(string text, bool bom = false)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        using var stream = new MemoryStream(bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
        return PaymentFiles.ReadConfirmations(stream);
    }

    private static FormatException Fails(string text) => Assert.Throws<FormatException>(() => Read(text));

    [Fact]
    public void ReadConfirmations_OkAndFailedRows()
    {
        IReadOnlyList<BankConfirmation> rows = Read(Header + "r1,200000.00,2026-11-20,ok,\nr2,1234.5,2026-11-21,failed,\"账户已销户, closed\"\n");

        Assert.Equal(
            [
                new BankConfirmation("r1", 200000m, new DateOnly(2026, 11, 20), true, null),
                new BankConfirmation("r2", 1234.5m, new DateOnly(2026, 11, 21), false, "账户已销户, closed"),
            ],
            rows);
    }

    [Fact]
    public void ReadConfirmations_BomCrlfCaseAndWhitespace_Accepted()
    {
        IReadOnlyList<BankConfirmation> rows = Read("Reference,Amount,PaidOn,Status,Message\r\n r1 , 10.00 ,2026-11-20, OK ,\r\n\r\n", bom: true);

        BankConfirmation row = Assert.Single(rows);
        Assert.Equal("r1", row.Reference);
        Assert.Equal(10m, row.Amount);
        Assert.True(row.Succeeded);
    }

    [Fact]
    public void ReadConfirmations_WithoutMessageColumn_Accepted()
    {
        BankConfirmation row = Assert.Single(Read("reference,amount,paidOn,status\nr1,1.00,2026-11-20,ok\n"));

        Assert.Null(row.Message);
    }

    [Fact]
    public void ReadConfirmations_HeaderOnly_Empty()
    {
        Assert.Empty(Read(Header));
    }

    [Theory]
    [InlineData("r1,12a,2026-11-20,ok,", "amount \"12a\"")]
    [InlineData("r1,1.005,2026-11-20,ok,", "amount \"1.005\"")]
    [InlineData("r1,-5,2026-11-20,ok,", "amount \"-5\"")]
    [InlineData("r1,\"1,000.00\",2026-11-20,ok,", "amount \"1,000.00\"")]
    [InlineData("r1,5,20/11/2026,ok,", "date \"20/11/2026\"")]
    [InlineData("r1,5,2026-11-20,paid,", "status \"paid\"")]
    [InlineData(",5,2026-11-20,ok,", "the reference is empty")]
    [InlineData("r1,5,2026-11-20", "expected 4 or 5 fields, found 3")]
    [InlineData("r1,5,2026-11-20,ok,m,extra", "expected 4 or 5 fields, found 6")]
    public void ReadConfirmations_BadRow_ErrorNamesLine(string row, string expected)
    {
        FormatException ex = Fails(Header + "r0,1.00,2026-11-20,ok,\n" + row + "\n");

        Assert.Contains("银行回单第 3 行", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bank confirmation line 3: " + expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadConfirmations_DuplicateReference_ErrorNamesBothLines()
    {
        FormatException ex = Fails(Header + "r1,1.00,2026-11-20,ok,\nr2,1.00,2026-11-20,ok,\nr1,1.00,2026-11-20,failed,\n");

        Assert.Contains("line 4: reference \"r1\" already appears on line 2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ref,amount,paidOn,status,message\n")]
    [InlineData("reference;amount;paidOn;status;message\n")]
    [InlineData("")]
    public void ReadConfirmations_WrongHeader_ErrorOnLineOne(string text)
    {
        FormatException ex = Fails(text);

        Assert.Contains("line 1: the header must be", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadConfirmations_UnbalancedQuote_FormatException()
    {
        FormatException ex = Fails(Header + "r1,1.00,2026-11-20,ok,\"unterminated\nr2,1.00,2026-11-20,ok,\n");

        Assert.Contains("bank confirmation line", ex.Message, StringComparison.Ordinal);
    }
}
