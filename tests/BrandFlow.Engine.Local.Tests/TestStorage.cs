namespace BrandFlow.Engine.Local.Tests;

/// <summary>The Azurite connection the test command provides, and task hub names unique to each test.</summary>
internal static class TestStorage
{
    private const string Variable = "BRANDFLOW_TEST_STORAGE";

    /// <summary>The connection string; fails the test with a clear message when it is not set.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: this test needs Azurite. Run: BRANDFLOW_TEST_AZURITE_PORT=<port> scripts/test.sh tests/BrandFlow.Engine.Local.Tests");

    /// <summary>A task hub name no other test uses (letters and digits, 3–45 characters).</summary>
    public static string UniqueTaskHub() => $"t{Guid.NewGuid():N}"[..20];
}
