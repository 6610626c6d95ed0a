namespace BrandFlow.TestSupport;

/// <summary>The repository checkout the tests run from (the folder holding BrandFlow.sln) and what the tests read in it.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => RootFolder.Value;

    /// <summary>The reviewed policy catalog (<c>policies/</c>).</summary>
    public static string Policies => Path.Combine(Root, "policies");

    /// <summary>China's working-day calendar file.</summary>
    public static string Calendar => Path.Combine(Policies, "calendar", "china-working-days.yaml");

    /// <summary>
    /// The Release publish of the Functions app: <c>BRANDFLOW_FUNCTIONS_PUBLISH</c> (scripts/test.sh publishes there before
    /// the tests run) or <c>.build/functions</c> under the root.
    /// </summary>
    public static string FunctionsPublish => Published("BRANDFLOW_FUNCTIONS_PUBLISH", "functions");

    /// <summary>The Release publish of the App Service web app: <c>BRANDFLOW_WEB_PUBLISH</c> or <c>.build/web</c>.</summary>
    public static string WebPublish => Published("BRANDFLOW_WEB_PUBLISH", "web");

    /// <summary>A path under the root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Published(string variable, string folder)
    {
        var path = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured ? configured : Path.Combine(Root, ".build", folder);
        return Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} does not exist ({variable}): run the tests with scripts/test.sh, which publishes the apps first.");
    }

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
