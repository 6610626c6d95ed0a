using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace BrandFlow.Hosting.Mail;

/// <summary>Helpers shared by the mail tables and the mailbox container.</summary>
internal static class MailTables
{
    /// <summary>Partition key for an idempotency key: its SHA-256 in hex (keys may hold characters tables refuse).</summary>
    public static string KeyHash(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));

    /// <summary>Cuts a string to what a table property holds comfortably.</summary>
    public static string Clip(string value, int max = 16_000) => value.Length <= max ? value : value[..max];
}

/// <summary>A table created on first use, once per process (start-up never touches storage).</summary>
internal sealed class EnsuredTable(TableClient table)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile bool created;

    /// <summary>The table, created if it does not exist yet.</summary>
    public async Task<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        if (!created)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!created)
                {
                    await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                    created = true;
                }
            }
            finally
            {
                gate.Release();
            }
        }

        return table;
    }
}

/// <summary>A blob container created on first use, once per process.</summary>
public sealed class EnsuredContainer(BlobContainerClient container)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile bool created;

    /// <summary>The container, created if it does not exist yet.</summary>
    public async Task<BlobContainerClient> GetAsync(CancellationToken cancellationToken)
    {
        if (!created)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!created)
                {
                    await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    created = true;
                }
            }
            finally
            {
                gate.Release();
            }
        }

        return container;
    }
}
