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
}

/// <summary>
/// Judges evidence by content, never by name: magic bytes for PDF, PNG, JPEG and OFD (ZIP); refuses empty and
/// oversized files, executables (PE "MZ", ELF, Mach-O, shebang scripts) whatever they are called, and anything else.
/// </summary>
public static class EvidenceInspector
{
    /// <summary>Largest accepted file: 20 MiB.</summary>
    public const long MaxLength = 20L * 1024 * 1024;

    /// <summary>Bytes of the head needed to judge the type.</summary>
    public const int HeadLength = 64;

    /// <summary>Judges a file from its first bytes and total length; the name only appears in messages.</summary>
    public static InspectionResult Inspect(ReadOnlySpan<byte> head, long length, string fileName) => throw new NotImplementedException();
}
