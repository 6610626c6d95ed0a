namespace BrandFlow.Functions.Tests;

/// <summary>Where the repository and the published Functions app are.</summary>
internal static class TestPaths
{
    /// <summary>The repository root (the folder holding BrandFlow.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The Release publish of the Functions app: BRANDFLOW_FUNCTIONS_PUBLISH (scripts/test.sh publishes there first) or
    /// .build/functions under the root.
    /// </summary>
    public static string Published =>
        Environment.GetEnvironmentVariable("BRANDFLOW_FUNCTIONS_PUBLISH") is { Length: > 0 } configured ? configured : Path.Combine(Root, ".build", "functions");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BrandFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BrandFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
