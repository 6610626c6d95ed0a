using System.Runtime.CompilerServices;

namespace BrandFlow.Durable.Client;

// AsPages keeps the Azure SDK / Microsoft.DurableTask name (no Async suffix).
#pragma warning disable VSTHRD200

/// <summary>
/// An asynchronous sequence fetched page by page (mirrors Microsoft.DurableTask.AsyncPageable): enumerate items
/// directly, or call <see cref="AsPages"/> to see page boundaries and continuation tokens.
/// </summary>
/// <typeparam name="T">Item type.</typeparam>
public sealed class AsyncPageable<T> : IAsyncEnumerable<T>
    where T : notnull
{
    private readonly Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage;

    /// <summary>Creates a pageable over a page-fetching function (continuation token, page size hint).</summary>
    public AsyncPageable(Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage)
    {
        ArgumentNullException.ThrowIfNull(fetchPage);
        this.fetchPage = fetchPage;
    }

    /// <summary>Enumerates pages starting at a continuation token.</summary>
    public async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = continuationToken;
        do
        {
            Page<T> page = await fetchPage(token, pageSizeHint, cancellationToken).ConfigureAwait(false);
            yield return page;
            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <inheritdoc />
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (Page<T> page in AsPages(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (T item in page.Values)
            {
                yield return item;
            }
        }
    }
}
