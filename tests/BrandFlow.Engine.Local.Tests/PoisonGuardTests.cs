namespace BrandFlow.Engine.Local.Tests;

/// <summary>How the poison guard reads DurableTask.AzureStorage's log lines and checks a message before moving it.</summary>
public sealed class PoisonGuardTests
{
    [Fact]
    public void Read_MessageFailureLine_CountsTheMessage()
    {
        var failures = new BackendFailures();
        const string Line = "WARNING: Failed to process message. MessageId: 7f22f9ba-9e1a-4482-8715-bdaa27932fd0, Error: The input is not a valid Base-64 string as it contains a non-base 64 character.";

        BackendFailureWatch.Read(failures, Line);
        BackendFailureWatch.Read(failures, Line);

        Assert.True(failures.Reader.TryRead(out var first));
        Assert.True(failures.Reader.TryRead(out var second));
        Assert.Equal(new BackendFailure(BackendFailureKind.UnreadableMessage, "7f22f9ba-9e1a-4482-8715-bdaa27932fd0", "The input is not a valid Base-64 string as it contains a non-base 64 character.", 1), first);
        Assert.Equal(2, second.Count);
    }

    [Fact]
    public void Read_HistoryLoadFailure_CountsOnlyUnreadableData()
    {
        var failures = new BackendFailures();

        BackendFailureWatch.Read(failures, "An unexpected failure occurred while processing instance 'app-1': System.ArgumentException: Corrupted is not a valid EventType value.\n   at DurableTask...");
        BackendFailureWatch.Read(failures, "An unexpected failure occurred while processing instance 'app-2': Azure.RequestFailedException: Service request failed. Status: 503");

        Assert.True(failures.Reader.TryRead(out var only));
        Assert.Equal(BackendFailureKind.UnloadableHistory, only.Kind);
        Assert.Equal("app-1", only.Key);
        Assert.Equal("System.ArgumentException: Corrupted is not a valid EventType value.", only.Reason);
        Assert.False(failures.Reader.TryRead(out _));
    }

    [Theory]
    [InlineData("this is {not base64 or json", false)]
    [InlineData("bm90IGpzb24=", false)]
    [InlineData("eyIkdHlwZSI6Ik1lc3NhZ2VEYXRhIn0=", true)]
    [InlineData("H4sIAAAAAAAA", true)]
    public void IsReadable_KnowsWhatDurableTaskAzureStorageWrites(string text, bool readable) =>
        Assert.Equal(readable, PoisonGuardService.IsReadable(text));
}
