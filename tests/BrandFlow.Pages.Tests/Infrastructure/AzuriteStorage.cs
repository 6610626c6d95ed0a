namespace BrandFlow.Pages.Tests.Infrastructure;

/// <summary>The Azurite instance started by scripts/test.sh (connection string in BRANDFLOW_TEST_STORAGE).</summary>
internal static class AzuriteStorage
{
    /// <summary>The connection string, or a clear failure when the tests were not started by scripts/test.sh.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("BRANDFLOW_TEST_STORAGE") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("BRANDFLOW_TEST_STORAGE is not set: run the tests with scripts/test.sh, which starts Azurite.");

    /// <summary>A fresh name (letters and digits only) so test runs never share state.</summary>
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The repository's policies/ folder.</summary>
    public static string Policies
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "BrandFlow.sln")))
                {
                    return Path.Combine(dir.FullName, "policies");
                }
            }

            throw new InvalidOperationException("repository root not found");
        }
    }
}
