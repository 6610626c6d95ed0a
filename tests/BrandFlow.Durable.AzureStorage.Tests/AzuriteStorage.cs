using BrandFlow.Durable.AzureStorage;
using BrandFlow.Durable.AzureStorage.Storage;

namespace BrandFlow.Durable.AzureStorage.Tests;

/// <summary>Access to the Azurite instance the test command started, with a unique task hub per test.</summary>
internal static class AzuriteStorage
{
    private const string Variable = "BRANDFLOW_TEST_STORAGE";
    private static int counter;

    /// <summary>The connection string; fails the test with a clear message when the test command did not set it.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests through scripts/test.sh, which starts Azurite and sets it, or start Azurite yourself "
                + "(. scripts/azurite.sh && start_azurite DIR PORT) and export BRANDFLOW_TEST_STORAGE=\"$AZURITE_CONNECTION\".");

    /// <summary>A task hub name unique to this test run, starting with <paramref name="prefix"/> (letters only).</summary>
    public static string UniqueHub(string prefix) =>
        $"{prefix}{Environment.ProcessId % 10000}x{Interlocked.Increment(ref counter)}x{Random.Shared.Next(1000, 9999)}";

    /// <summary>Creates a backend with its own clients on a fresh task hub and creates its storage.</summary>
    public static async Task<AzureStorageOrchestrationService> CreateServiceAsync(string hub, Action<AzureStorageOrchestrationServiceOptions>? configure = null)
    {
        var options = new AzureStorageOrchestrationServiceOptions { TaskHubName = hub };
        configure?.Invoke(options);
        var service = new AzureStorageOrchestrationService(StorageClients.FromConnectionString(ConnectionString), options);
        await service.CreateIfNotExistsAsync();
        return service;
    }
}
