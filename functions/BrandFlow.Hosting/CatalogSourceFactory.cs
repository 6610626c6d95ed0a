using Azure.Data.Tables;
using BrandFlow.Policy.Catalog;
using BrandFlow.Policy.Loading;
using BrandFlow.Policy.Tables;

namespace BrandFlow.Hosting;

/// <summary>Opens the policy catalog: from Table Storage when a storage account is configured, else from the files.</summary>
public static class CatalogSourceFactory
{
    /// <summary>The Table Storage catalog store for the configured account.</summary>
    public static TableCatalogStore Store(BrandFlowOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Storage))
        {
            throw new InvalidOperationException("BrandFlow__Storage (a storage connection string) is not set");
        }

        return new TableCatalogStore(new TableServiceClient(options.Storage).GetTableClient(options.PolicyTable), clock);
    }

    /// <summary>Reads the catalog the service evaluates against.</summary>
    public static async Task<PolicyCatalog> ReadAsync(BrandFlowOptions options, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Storage)
            ? CatalogLoader.LoadDirectory(options.ResolvePoliciesPath())
            : await Store(options, clock).ReadCatalogAsync(cancellationToken).ConfigureAwait(false);
    }
}
