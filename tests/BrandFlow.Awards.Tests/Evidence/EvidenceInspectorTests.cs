using BrandFlow.Awards.Evidence;

namespace BrandFlow.Awards.Tests.Evidence;

public class EvidenceInspectorTests
{
    private static byte[] Head(params byte[] start)
    {
        var head = new byte[EvidenceInspector.HeadLength];
        start.CopyTo(head, 0);
        return head;
    }

    private static byte[] Head(string ascii) => Head(System.Text.Encoding.ASCII.GetBytes(ascii));

    [Theory]
    [InlineData("%PDF-1.7\n", "application/pdf")]
    [InlineData("PK\u0003\u0004", "application/ofd")]
    public void Inspect_AcceptedTextMagic_ReturnsType(string magic, string expected)
    {
        InspectionResult result = EvidenceInspector.Inspect(Head(magic), 1000, "file.bin");

        Assert.True(result.Accepted);
        Assert.Equal(expected, result.ContentType);
        Assert.Null(result.RefusalCode);
        Assert.Null(result.Message);
    }

    [Fact]
    public void Inspect_Png_ReturnsImagePng()
    {
        InspectionResult result = EvidenceInspector.Inspect(Head(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13), 5000, "a.png");

        Assert.Equal("image/png", result.ContentType);
    }

    [Fact]
    public void Inspect_Jpeg_ReturnsImageJpeg()
    {
        InspectionResult result = EvidenceInspector.Inspect(Head(0xFF, 0xD8, 0xFF, 0xE0), 5000, "photo.jpg");

        Assert.Equal("image/jpeg", result.ContentType);
    }

    [Fact]
    public void Inspect_PdfNamedExe_AcceptedByContent()
    {
        InspectionResult result = EvidenceInspector.Inspect(Head("%PDF-1.4"), 10, "certificate.exe");

        Assert.Equal(EvidenceContentTypes.Pdf, result.ContentType);
    }

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02 })]
    [InlineData(new byte[] { 0xFE, 0xED, 0xFA, 0xCE })]
    [InlineData(new byte[] { 0xFE, 0xED, 0xFA, 0xCF })]
    [InlineData(new byte[] { 0xCE, 0xFA, 0xED, 0xFE })]
    [InlineData(new byte[] { 0xCF, 0xFA, 0xED, 0xFE })]
    [InlineData(new byte[] { 0xCA, 0xFE, 0xBA, 0xBE })]
    [InlineData(new byte[] { 0x23, 0x21, 0x2F, 0x62, 0x69, 0x6E })]
    public void Inspect_ExecutableRenamedPdf_RefusedAsExecutable(byte[] magic)
    {
        InspectionResult result = EvidenceInspector.Inspect(Head(magic), 4096, "营业执照.pdf");

        Assert.False(result.Accepted);
        Assert.Null(result.ContentType);
        Assert.Equal(RefusalCodes.Executable, result.RefusalCode);
        Assert.Equal("文件“营业执照.pdf”是可执行程序，不能作为证明材料", result.MessageZh);
        Assert.Equal("营业执照.pdf is an executable and cannot be evidence", result.MessageEn);
        Assert.Equal($"{result.MessageZh} / {result.MessageEn}", result.Message);
    }

    [Fact]
    public void Inspect_LengthZero_RefusedAsEmpty()
    {
        InspectionResult result = EvidenceInspector.Inspect(ReadOnlySpan<byte>.Empty, 0, "x.pdf");

        Assert.Equal(RefusalCodes.Empty, result.RefusalCode);
        Assert.Contains("x.pdf", result.MessageZh, StringComparison.Ordinal);
        Assert.Contains("x.pdf", result.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_LengthZeroWithStaleHead_RefusedAsEmpty()
    {
        InspectionResult result = EvidenceInspector.Inspect(Head("%PDF-"), 0, "x.pdf");

        Assert.Equal(RefusalCodes.Empty, result.RefusalCode);
    }

    [Fact]
    public void Inspect_ExactlyMaxLength_Accepted()
    {
        InspectionResult result = EvidenceInspector.Inspect(Head("%PDF-"), EvidenceInspector.MaxLength, "big.pdf");

        Assert.True(result.Accepted);
    }

    [Fact]
    public void Inspect_OneByteOverMax_RefusedAsTooLarge()
    {
        InspectionResult result = EvidenceInspector.Inspect(Head("%PDF-"), EvidenceInspector.MaxLength + 1, "big.pdf");

        Assert.Equal(RefusalCodes.TooLarge, result.RefusalCode);
        Assert.Contains("20 MB", result.MessageEn, StringComparison.Ordinal);
        Assert.Contains("“big.pdf”", result.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_OversizedExecutable_RefusedAsExecutable()
    {
        InspectionResult result = EvidenceInspector.Inspect(Head("MZ"), EvidenceInspector.MaxLength * 2, "setup.pdf");

        Assert.Equal(RefusalCodes.Executable, result.RefusalCode);
    }

    [Theory]
    [InlineData("GIF89a")]
    [InlineData("hello, world")]
    [InlineData("PK\u0005\u0006")]
    [InlineData(" %PDF-1.7")]
    [InlineData("%PD")]
    public void Inspect_OtherContent_RefusedAsWrongType(string content)
    {
        byte[] head = System.Text.Encoding.ASCII.GetBytes(content);

        InspectionResult result = EvidenceInspector.Inspect(head, head.Length, "scan.pdf");

        Assert.Equal(RefusalCodes.WrongType, result.RefusalCode);
        Assert.Equal("文件“scan.pdf”不是 PDF、PNG、JPEG 或 OFD 文件", result.MessageZh);
        Assert.Equal("scan.pdf is not a PDF, PNG, JPEG or OFD file", result.MessageEn);
    }

    [Fact]
    public void Inspect_SingleByteM_NotExecutableButWrongType()
    {
        InspectionResult result = EvidenceInspector.Inspect("M"u8, 1, "m.txt");

        Assert.Equal(RefusalCodes.WrongType, result.RefusalCode);
    }

    [Fact]
    public void Inspect_NameWithControlCharacters_NeutralisedInMessage()
    {
        InspectionResult result = EvidenceInspector.Inspect(ReadOnlySpan<byte>.Empty, 0, "a\r\nb.pdf");

        Assert.Equal("a??b.pdf is empty", result.MessageEn);
    }

    [Fact]
    public void Inspect_BlankName_UsesPlaceholder()
    {
        InspectionResult result = EvidenceInspector.Inspect(ReadOnlySpan<byte>.Empty, 0, " ");

        Assert.Contains("unnamed", result.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_NegativeLength_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EvidenceInspector.Inspect(Head("%PDF-"), -1, "x.pdf"));
    }
}
