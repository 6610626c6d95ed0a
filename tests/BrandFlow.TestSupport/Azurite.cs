namespace BrandFlow.TestSupport;

/// <summary>
/// The Azurite instance the test command started (scripts/test.sh puts its connection string in
/// <c>BRANDFLOW_TEST_STORAGE</c>), and names no other test uses, so tests never share state.
/// </summary>
public static class Azurite
{
    /// <summary>The environment variable holding the connection string.</summary>
    public const string Variable = "BRANDFLOW_TEST_STORAGE";

    /// <summary>The connection string; without it the test fails (it is not skipped) and says how to run it.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: this test needs Azurite. Run it with scripts/test.sh (e.g. scripts/test.sh tests/<Project>), which starts Azurite.");

    /// <summary>A fresh table, container or prefix name: <paramref name="prefix"/> and <paramref name="length"/> hex digits.</summary>
    public static string UniqueName(string prefix, int length = 12) => prefix + Guid.NewGuid().ToString("N")[..length];

    /// <summary>A task hub name no other test uses (letters and digits, 20 characters).</summary>
    public static string UniqueTaskHub() => $"t{Guid.NewGuid():N}"[..20];
}
