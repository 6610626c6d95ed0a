namespace BrandFlow.Awards.Ports;

/// <summary>Generated files (treasury payment files, reports) and editable data documents (the working-day calendar).</summary>
public interface IDocumentStore
{
    /// <summary>Writes (or overwrites) a document.</summary>
    Task SaveAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>Reads a document, or null.</summary>
    Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken = default);
}
