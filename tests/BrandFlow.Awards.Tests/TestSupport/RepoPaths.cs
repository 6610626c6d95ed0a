namespace BrandFlow.Awards.Tests.TestSupport;

/// <summary>Finds the repository root (the folder holding BrandFlow.sln) from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string Policies => Path.Combine(Root, "policies");

    public static string Calendar => Path.Combine(Policies, "calendar", "china-working-days.yaml");

    private static string Find()
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
