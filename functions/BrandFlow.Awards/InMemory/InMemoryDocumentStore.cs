using System.Collections.Concurrent;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.InMemory;

/// <summary>Documents in process memory.</summary>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly ConcurrentDictionary<string, (byte[] Content, string ContentType)> documents = new(StringComparer.Ordinal);

    /// <summary>Names of the stored documents.</summary>
    public IReadOnlyList<string> Names => documents.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

    /// <inheritdoc />
    public Task SaveAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default)
    {
        documents[name] = (content.ToArray(), contentType);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(documents.TryGetValue(name, out var doc) ? doc.Content.ToArray() : null);
}
