namespace BrandFlow.Resilience.Tests;

/// <summary>The Azurite connection the test command provides (BRANDFLOW_TEST_STORAGE); without it every test fails.</summary>
internal static class TestStorage
{
    private const string Variable = "BRANDFLOW_TEST_STORAGE";

    /// <summary>The connection string; throws (the test fails, it is not skipped) when the variable is not set.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: these tests need Azurite. Run them with scripts/test.sh, which starts it.");

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
