using System.Globalization;
using System.Text;

namespace BrandFlow.Awards.Evidence;

/// <summary>What the server decided about a file's content.</summary>
/// <param name="ContentType">Detected type (application/pdf, image/png, image/jpeg, application/ofd ...), null when refused.</param>
/// <param name="RefusalCode">empty | too-large | wrong-type | executable; null when accepted.</param>
/// <param name="MessageZh">Refusal message in Chinese.</param>
/// <param name="MessageEn">Refusal message in English.</param>
public sealed record InspectionResult(string? ContentType, string? RefusalCode, string? MessageZh, string? MessageEn)
{
    /// <summary>True when accepted.</summary>
    public bool Accepted => ContentType is not null;

    /// <summary>The refusal as one bilingual line ("中文 / English"), null when accepted.</summary>
    public string? Message => Accepted ? null : $"{MessageZh} / {MessageEn}";
}

/// <summary>Refusal codes of <see cref="InspectionResult.RefusalCode"/>.</summary>
public static class RefusalCodes
{
    /// <summary>The file has no bytes.</summary>
    public const string Empty = "empty";

    /// <summary>The file is larger than <see cref="EvidenceInspector.MaxLength"/>.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The content is not one of the accepted document or image types.</summary>
    public const string WrongType = "wrong-type";

    /// <summary>The content is a program or script, whatever the file is called.</summary>
    public const string Executable = "executable";
}

/// <summary>Content types <see cref="EvidenceInspector"/> accepts.</summary>
public static class EvidenceContentTypes
{
    /// <summary>PDF ("%PDF-").</summary>
    public const string Pdf = "application/pdf";

    /// <summary>PNG image.</summary>
    public const string Png = "image/png";

    /// <summary>JPEG image.</summary>
    public const string Jpeg = "image/jpeg";

    /// <summary>OFD (GB/T 33190, China's electronic document format: a ZIP container).</summary>
    public const string Ofd = "application/ofd";
}

/// <summary>
/// Judges evidence by content, never by name: magic bytes for PDF, PNG, JPEG and OFD (ZIP); refuses empty and
/// oversized files, executables (PE "MZ", ELF, Mach-O, shebang scripts) whatever they are called, and anything else.
/// </summary>
/// <remarks>
/// Every ZIP container ("PK\x03\x04") is taken as OFD: OFD, the format of China's electronic invoices and
/// certificates, is a ZIP package, and telling it apart from DOCX/XLSX would mean reading the archive's directory,
/// which the head alone cannot do. A clerk sees the file during the document check. Order of the checks: empty,
/// executable (named first because it is the most important to tell), too large, then the accepted types.
/// </remarks>
public static class EvidenceInspector
{
    /// <summary>Largest accepted file: 20 MiB.</summary>
    public const long MaxLength = 20L * 1024 * 1024;

    /// <summary>Bytes of the head needed to judge the type.</summary>
    public const int HeadLength = 64;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    private static readonly byte[][] ExecutableMagics =
    [
        "MZ"u8.ToArray(),                 // Windows PE / DOS executables and DLLs
        [0x7F, 0x45, 0x4C, 0x46],         // ELF
        [0xFE, 0xED, 0xFA, 0xCE],         // Mach-O 32-bit, big-endian
        [0xFE, 0xED, 0xFA, 0xCF],         // Mach-O 64-bit, big-endian
        [0xCE, 0xFA, 0xED, 0xFE],         // Mach-O 32-bit, little-endian
        [0xCF, 0xFA, 0xED, 0xFE],         // Mach-O 64-bit, little-endian
        [0xCA, 0xFE, 0xBA, 0xBE],         // Mach-O universal (fat) binary; also Java class files
        "#!"u8.ToArray(),                 // shebang scripts
    ];

    /// <summary>Judges a file from its first bytes and total length; the name only appears in messages.</summary>
    public static InspectionResult Inspect(ReadOnlySpan<byte> head, long length, string fileName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        string name = DisplayName(fileName);
        if (length == 0 || head.IsEmpty)
        {
            return Refuse(RefusalCodes.Empty, $"文件“{name}”是空文件", $"{name} is empty");
        }

        if (IsExecutable(head))
        {
            return Refuse(RefusalCodes.Executable, $"文件“{name}”是可执行程序，不能作为证明材料", $"{name} is an executable and cannot be evidence");
        }

        if (length > MaxLength)
        {
            string limit = (MaxLength / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);
            return Refuse(
                RefusalCodes.TooLarge,
                $"文件“{name}”超过 {limit} MB 的上限",
                $"{name} is larger than the {limit} MB limit");
        }

        string? type = DetectType(head);
        return type is null
            ? Refuse(RefusalCodes.WrongType, $"文件“{name}”不是 PDF、PNG、JPEG 或 OFD 文件", $"{name} is not a PDF, PNG, JPEG or OFD file")
            : new InspectionResult(type, null, null, null);
    }

    /// <summary>The accepted content type of a head, or null (no size or executable checks).</summary>
    public static string? DetectType(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(PdfMagic))
        {
            return EvidenceContentTypes.Pdf;
        }

        if (head.StartsWith(PngMagic))
        {
            return EvidenceContentTypes.Png;
        }

        if (head.StartsWith(JpegMagic))
        {
            return EvidenceContentTypes.Jpeg;
        }

        return head.StartsWith(ZipMagic) ? EvidenceContentTypes.Ofd : null;
    }

    /// <summary>True when the head starts like a program or script.</summary>
    public static bool IsExecutable(ReadOnlySpan<byte> head)
    {
        foreach (byte[] magic in ExecutableMagics)
        {
            if (head.StartsWith(magic))
            {
                return true;
            }
        }

        return false;
    }

    private static InspectionResult Refuse(string code, string zh, string en) => new(null, code, zh, en);

    // The name is user input shown back to users and staff: no control characters, a bounded length.
    private static string DisplayName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "(未命名 unnamed)";
        }

        var builder = new StringBuilder(fileName.Length);
        foreach (char c in fileName.Trim())
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        const int MaxShown = 120;
        return builder.Length <= MaxShown ? builder.ToString() : string.Concat(builder.ToString(0, MaxShown), "…");
    }
}
