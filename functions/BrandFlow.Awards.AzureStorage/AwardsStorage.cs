using Azure.Data.Tables;
using Azure.Storage.Blobs;
using BrandFlow.Awards.AzureStorage.Internal;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.AzureStorage;

/// <summary>
/// The award ports on one Azure Storage account (or Azurite). <see cref="CreateAsync"/> creates the tables and
/// containers named by <see cref="AwardsStorageOptions"/> and exposes each port; register the properties as
/// singletons. Layout and consistency: README.md next to this file.
/// </summary>
public sealed class AwardsStorage
{
    private AwardsStorage(TableServiceClient tables, BlobServiceClient blobs, AwardsStorageOptions options, TimeProvider clock)
    {
        this.Options = options;
        var payloads = new JsonPayloads(blobs.GetBlobContainerClient(options.OverflowContainer));
        this.Directory = new TableDirectory(tables.GetTableClient(options.DirectoryTable), payloads);
        this.Applications = new TableApplicationStore(tables.GetTableClient(options.ApplicationsTable), payloads);
        this.Ledger = new TableAwardLedger(tables.GetTableClient(options.PayoutsTable), tables.GetTableClient(options.LedgerTable), payloads);
        this.Claims = new TableClaimRegistry(tables.GetTableClient(options.ClaimsTable));
        this.Audit = new TableAuditLog(tables.GetTableClient(options.AuditTable), payloads);
        this.Tokens = new TableOneTimeTokenStore(tables.GetTableClient(options.TokensTable));
        this.Documents = new BlobDocumentStore(blobs.GetBlobContainerClient(options.DocumentsContainer));
        this.Evidence = new BlobEvidenceStore(tables.GetTableClient(options.EvidenceTable), blobs, options, clock);
    }

    /// <summary>The names and limits in use.</summary>
    public AwardsStorageOptions Options { get; }

    /// <summary>Accounts and firms.</summary>
    public IDirectory Directory { get; }

    /// <summary>Application and cycle read models.</summary>
    public IApplicationStore Applications { get; }

    /// <summary>Payment instructions and the awards ledger.</summary>
    public IAwardLedger Ledger { get; }

    /// <summary>Claimed file hashes and identifiers.</summary>
    public IClaimRegistry Claims { get; }

    /// <summary>The append-only audit log.</summary>
    public IAuditLog Audit { get; }

    /// <summary>Used one-time tokens.</summary>
    public IOneTimeTokenStore Tokens { get; }

    /// <summary>Generated files and data documents.</summary>
    public IDocumentStore Documents { get; }

    /// <summary>Evidence files (also CORS set-up and the orphan sweep).</summary>
    public BlobEvidenceStore Evidence { get; }

    /// <summary>Connects with a connection string (Azurite, or an account key), creates what is missing and returns the ports.</summary>
    public static Task<AwardsStorage> CreateAsync(string connectionString, AwardsStorageOptions options, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return CreateAsync(new TableServiceClient(connectionString), new BlobServiceClient(connectionString), options, clock, cancellationToken);
    }

    /// <summary>
    /// Connects with the given clients (a connection string's, or a managed identity's: evidence links are then signed
    /// with a user-delegation key instead of the account key), creates every table and container if missing, and returns
    /// the ports.
    /// </summary>
    public static async Task<AwardsStorage> CreateAsync(TableServiceClient tables, BlobServiceClient blobs, AwardsStorageOptions options, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();

        foreach (var table in options.Tables)
        {
            await tables.GetTableClient(table).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var container in options.Containers)
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return new AwardsStorage(tables, blobs, options, clock);
    }
}
