using Azure;
using BrandFlow.Hosting;
using Azure.Storage.Blobs.Models;

namespace BrandFlow.App.Hosting;

/// <summary>
/// On a local run against Azurite, lets the pages' origin (BrandFlow:PublicBaseUrl) PUT evidence straight into Blob
/// Storage (CORS), as infra/ does for a real storage account. Never touches a real account; a failure only logs.
/// </summary>
public sealed partial class LocalUploadCors(StorageConnection storage, BrandFlowOptions options, ILogger<LocalUploadCors> logger) : IHostedService
{
    private readonly ILogger<LocalUploadCors> logger = logger;

    /// <summary>Sets the rule when the storage is Azurite's development account.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.ConnectionString is not { } connection || !connection.Contains("AccountName=devstoreaccount1", StringComparison.OrdinalIgnoreCase)
            || !Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var site))
        {
            return;
        }

        try
        {
            var blobs = storage.Blobs();
            var properties = (await blobs.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value;
            var origin = site.GetLeftPart(UriPartial.Authority);
            if (properties.Cors.Any(rule => rule.AllowedOrigins.Split(',').Contains(origin, StringComparer.OrdinalIgnoreCase)))
            {
                return;
            }

            properties.Cors.Add(new BlobCorsRule
            {
                AllowedOrigins = origin,
                AllowedMethods = "PUT,GET,HEAD,OPTIONS",
                AllowedHeaders = "content-type,content-length,x-ms-blob-type,x-ms-version,x-ms-date,x-ms-client-request-id",
                ExposedHeaders = "etag,content-length,content-type",
                MaxAgeInSeconds = 600,
            });
            await blobs.SetPropertiesAsync(properties, cancellationToken).ConfigureAwait(false);
            LogCors(this.logger, origin);
        }
        catch (RequestFailedException ex)
        {
            LogCorsFailed(this.logger, ex.Message);
        }
    }

    /// <summary>Nothing to stop.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Azurite Blob CORS allows {Origin} to upload evidence")]
    private static partial void LogCors(ILogger logger, string origin);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Could not set Azurite Blob CORS for uploads: {Error}")]
    private static partial void LogCorsFailed(ILogger logger, string error);
}
