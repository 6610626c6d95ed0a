using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace BrandFlow.Hosting;

/// <summary>
/// The storage account of BrandFlow: one connection named <see cref="Name"/>, in the format the Azure Functions host
/// uses for identity-based connections, so the same settings serve the Durable extension (host.json:
/// <c>connectionName</c>) and BrandFlow's own table, blob and queue clients. Either a connection string (Azurite locally:
/// <c>BrandFlowStorage=DefaultEndpointsProtocol=…</c>) or a section (<c>BrandFlowStorage__accountName</c>, or the three
/// <c>…__blobServiceUri</c>, <c>…__queueServiceUri</c>, <c>…__tableServiceUri</c>; <c>…__credential=managedidentity</c>
/// with an optional <c>…__clientId</c> for a managed identity, otherwise the developer's Azure sign-in).
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The configuration key (environment variable) of the connection.</summary>
    public const string Name = "BrandFlowStorage";

    /// <summary>The keys of the section form, as the Functions host spells them.</summary>
    public static readonly IReadOnlyList<string> SectionKeys = ["accountName", "blobServiceUri", "queueServiceUri", "tableServiceUri", "credential", "clientId"];

    private StorageConnection(string? connectionString, Uri blob, Uri queue, Uri table, TokenCredential? credential, string description)
    {
        this.ConnectionString = connectionString;
        this.BlobServiceUri = blob;
        this.QueueServiceUri = queue;
        this.TableServiceUri = table;
        this.Credential = credential;
        this.Description = description;
    }

    /// <summary>The connection string (with the account key), or null for an identity-based connection.</summary>
    public string? ConnectionString { get; }

    /// <summary>Blob endpoint.</summary>
    public Uri BlobServiceUri { get; }

    /// <summary>Queue endpoint.</summary>
    public Uri QueueServiceUri { get; }

    /// <summary>Table endpoint.</summary>
    public Uri TableServiceUri { get; }

    /// <summary>The identity of an identity-based connection (null with a connection string).</summary>
    public TokenCredential? Credential { get; }

    /// <summary>What the connection is, for logs (never a key).</summary>
    public string Description { get; }

    /// <summary>
    /// Reads the connection from configuration; null when none is configured. A connection given half-way (a section
    /// without an account name or all three endpoints, an unknown credential kind) throws with the setting's name.
    /// </summary>
    public static StorageConnection? FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Name);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return FromConnectionString(section.Value);
        }

        var account = section["accountName"];
        var blob = section["blobServiceUri"];
        var queue = section["queueServiceUri"];
        var table = section["tableServiceUri"];
        if (new[] { account, blob, queue, table, section["credential"], section["clientId"] }.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        Uri blobUri, queueUri, tableUri;
        if (!string.IsNullOrWhiteSpace(account))
        {
            blobUri = new Uri($"https://{account}.blob.core.windows.net/");
            queueUri = new Uri($"https://{account}.queue.core.windows.net/");
            tableUri = new Uri($"https://{account}.table.core.windows.net/");
        }
        else
        {
            blobUri = Endpoint(blob, "blobServiceUri");
            queueUri = Endpoint(queue, "queueServiceUri");
            tableUri = Endpoint(table, "tableServiceUri");
        }

        var kind = section["credential"];
        var clientId = section["clientId"];
        TokenCredential credential = kind switch
        {
            null or "" => new DefaultAzureCredential(),
            _ when string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase) => string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)),
            _ => throw new InvalidOperationException(
                $"{Name}__credential 只能为 managedidentity 或留空：“{kind}” / {Name}__credential must be managedidentity or empty: \"{kind}\""),
        };
        var who = string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase) ? "managed identity" : "Azure sign-in";
        return new StorageConnection(null, blobUri, queueUri, tableUri, credential, $"{blobUri.Host.Split('.')[0]} ({who})");
    }

    /// <summary>A connection from a connection string (Azurite or an account key).</summary>
    public static StorageConnection FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        BlobServiceClient blobs;
        try
        {
            blobs = new BlobServiceClient(connectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{Name} 不是有效的存储连接字符串 / {Name} is not a valid storage connection string", ex);
        }

        var queues = new QueueServiceClient(connectionString);
        var tables = new TableServiceClient(connectionString);
        return new StorageConnection(connectionString, blobs.Uri, queues.Uri, tables.Uri, credential: null, $"{blobs.AccountName} (connection string)");
    }

    /// <summary>A blob service client on this connection.</summary>
    public BlobServiceClient Blobs(BlobClientOptions? options = null) => this.ConnectionString is { } connection
        ? new BlobServiceClient(connection, options)
        : new BlobServiceClient(this.BlobServiceUri, this.Credential, options);

    /// <summary>A queue service client on this connection.</summary>
    public QueueServiceClient Queues(QueueClientOptions? options = null) => this.ConnectionString is { } connection
        ? new QueueServiceClient(connection, options)
        : new QueueServiceClient(this.QueueServiceUri, this.Credential, options);

    /// <summary>A table service client on this connection.</summary>
    public TableServiceClient Tables(TableClientOptions? options = null) => this.ConnectionString is { } connection
        ? new TableServiceClient(connection, options)
        : new TableServiceClient(this.TableServiceUri, this.Credential, options);

    private static Uri Endpoint(string? value, string key) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException(
                $"{Name}__accountName 或 {Name}__{key} 未设置或无效 / {Name}__accountName or {Name}__{key} is missing or invalid");
}
