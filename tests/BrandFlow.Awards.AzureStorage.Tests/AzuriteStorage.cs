using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;

namespace BrandFlow.Awards.AzureStorage.Tests;

/// <summary>The award storage on the Azurite instance the test command started, with fresh tables and containers per test.</summary>
internal static class AzuriteStorage
{
    private static int counter;

    /// <summary>The connection string of the test command's Azurite.</summary>
    public static string ConnectionString => Azurite.ConnectionString;

    /// <summary>A storage prefix unique to this test (lower-case letters and digits).</summary>
    public static string UniquePrefix() =>
        $"t{Environment.ProcessId % 10000}x{Interlocked.Increment(ref counter)}x{Random.Shared.Next(1000, 9999)}";

    /// <summary>Creates the award storage on a fresh prefix with a fake clock set to now (or to <paramref name="now"/>).</summary>
    public static async Task<(AwardsStorage Storage, FakeTimeProvider Clock)> CreateAsync(Action<AwardsStorageOptions>? configure = null, DateTimeOffset? now = null)
    {
        var clock = new FakeTimeProvider(now ?? DateTimeOffset.UtcNow);
        var options = new AwardsStorageOptions { Prefix = UniquePrefix() };
        configure?.Invoke(options);
        return (await AwardsStorage.CreateAsync(ConnectionString, options, clock), clock);
    }

    /// <summary>A raw client for one of the storage's tables, to look at the rows the ports wrote.</summary>
    public static TableClient Table(string name) => new TableServiceClient(ConnectionString).GetTableClient(name);

    /// <summary>Every row of a partition.</summary>
    public static List<TableEntity> Rows(string table, string partitionKey) =>
        [.. Table(table).Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"))];
}
