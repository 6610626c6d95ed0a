using BrandFlow.Policy.Tables;

namespace BrandFlow.Hosting;

/// <summary>Opens the policy catalog's table on the configured storage account.</summary>
public static class CatalogSourceFactory
{
    /// <summary>The Table Storage catalog store (table <see cref="BrandFlowOptions.PolicyTable"/>).</summary>
    public static TableCatalogStore Store(StorageConnection storage, BrandFlowOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        return new TableCatalogStore(storage.Tables().GetTableClient(options.PolicyTable), clock);
    }
}
