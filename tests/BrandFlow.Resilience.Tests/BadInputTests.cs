using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using BrandFlow.Awards.Model;
using Xunit.Abstractions;

namespace BrandFlow.Resilience.Tests;

/// <summary>
/// Bad input on the engine's queues and tables of a running app (BrandFlow.App.dll): only the affected instance or
/// message fails, visibly to an administrator (GET /api/admin/workflow/failures), and an application submitted
/// afterwards still reaches its next state in normal time. DurableTask.AzureStorage 2.11.2 alone retries cases (a) and
/// (c) for ever; the local engine's poison guard closes them (functions/BrandFlow.Engine.Local/README.md, defects 5, 6).
/// </summary>
public sealed class BadInputTests(ITestOutputHelper output)
{
    private static readonly TimeSpan NormalTime = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan GuardTime = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task UnreadableControlQueueMessage_MovedToPoisonQueue_OthersKeepMoving()
    {
        await using var site = await TestSite.CreateAsync();
        var journey = new AwardJourney(site, 2);
        var host = await site.StartAsync("host");
        using var api = journey.Api(host);
        await journey.SetUpAsync(api);

        const string Garbage = "this is {not base64 or json";
        var sent = (await site.ControlQueues[0].SendMessageAsync(Garbage)).Value;
        var watch = Stopwatch.StartNew();
        await journey.SubmitAsync(_ => api);
        await journey.WaitForAllAsync(api, s => s == ApplicationStatus.AwaitingClerk, NormalTime, "AwaitingClerk (submitted after the bad message)");
        output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: both applications submitted after the bad message are AwaitingClerk");

        var failures = await WaitForFailuresAsync(api, f => f.GetProperty("poisonMessages").EnumerateArray().Any(m => m.GetProperty("text").GetString() == Garbage));
        output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: listed to the administrator: {failures}");
        var poison = site.Queues.GetQueueClient(failures.GetProperty("poisonQueue").GetString());
        Assert.Equal(site.TaskHub + "-poison", poison.Name);
        Assert.Single((await poison.PeekMessagesAsync(32)).Value, m => m.MessageText == Garbage);
        foreach (var control in site.ControlQueues)
        {
            Assert.DoesNotContain((await control.PeekMessagesAsync(32)).Value, m => m.MessageId == sent.MessageId);
        }

        Assert.Contains(host.Lines, l => l.Contains($"Failed to process message. MessageId: {sent.MessageId}", StringComparison.Ordinal));
        Assert.Contains(host.Lines, l => l.Contains($"Moved control-queue message {sent.MessageId}", StringComparison.Ordinal));
        Assert.Empty(failures.GetProperty("instances").EnumerateArray());
    }

    [Fact]
    public async Task StartMessageForUnknownOrchestration_OnlyThatInstanceFails_ListedToAdministrators()
    {
        await using var site = await TestSite.CreateAsync();
        var journey = new AwardJourney(site, 2);
        var host = await site.StartAsync("host");
        using var api = journey.Api(host);
        await journey.SetUpAsync(api);

        var ghost = "ghost-" + site.Id;
        await new TaskHubStorage(site).StartAsync("NoSuchOrchestration", ghost, new { applicationId = "none" });
        var watch = Stopwatch.StartNew();
        await journey.SubmitAsync(_ => api);
        await journey.WaitForAllAsync(api, s => s == ApplicationStatus.AwaitingClerk, NormalTime, "AwaitingClerk (submitted after the bad start)");

        var failures = await WaitForFailuresAsync(api, f => f.GetProperty("instances").EnumerateArray().Any(i => i.GetProperty("instanceId").GetString() == ghost));
        output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: listed to the administrator: {failures}");
        var failed = Assert.Single(failures.GetProperty("instances").EnumerateArray());
        Assert.Equal("NoSuchOrchestration", failed.GetProperty("name").GetString());
        Assert.Contains("NoSuchOrchestration", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("Failed", (await new TaskHubStorage(site).StateAsync(ghost))?.OrchestrationStatus.ToString());

        // Administrators only, refused in Chinese first.
        using var refused = await api.GetAsync(AwardJourney.Clerk, "api/admin/workflow/failures");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("需要以下角色之一：管理员", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorruptHistoryRow_InstanceFailsAndIsQuarantined_OthersKeepMoving()
    {
        await using var site = await TestSite.CreateAsync();
        var journey = new AwardJourney(site, 2);
        var host = await site.StartAsync("host");
        using var api = journey.Api(host);
        await journey.SetUpAsync(api);
        await journey.SubmitAsync(_ => api);
        await journey.WaitForAllAsync(api, s => s == ApplicationStatus.AwaitingClerk, NormalTime, "AwaitingClerk");
        var ids = journey.ApplicationIds.Order(StringComparer.Ordinal).ToList();
        var (victim, other) = (ids[0], ids[1]);

        // Corrupt the victim's last completed activity in its history, then give both applications their next event.
        var rows = new List<TableEntity>();
        await foreach (var row in site.History.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {victim}")))
        {
            rows.Add(row);
        }

        var target = rows.Last(r => r.GetString("EventType") == "TaskCompleted");
        target["EventType"] = "Corrupted";
        await site.History.UpdateEntityAsync(target, target.ETag, TableUpdateMode.Replace);
        var watch = Stopwatch.StartNew();
        await api.ClerkApproveAsync(AwardJourney.Clerk, victim);
        await api.ClerkApproveAsync(AwardJourney.Clerk, other);

        // The other application moves on in normal time.
        var moved = Stopwatch.StartNew();
        while ((await journey.StoredStatusesAsync())[other] != ApplicationStatus.InReview)
        {
            Assert.True(moved.Elapsed < NormalTime, $"{other} did not reach InReview within {NormalTime.TotalSeconds:0} s\n{host.Output}");
            await Task.Delay(300);
        }

        output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: the unaffected application is InReview");

        // The victim fails, with the reason, and is listed to administrators.
        var failures = await WaitForFailuresAsync(api, f => f.GetProperty("instances").EnumerateArray().Any(i => i.GetProperty("instanceId").GetString() == victim));
        output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: listed to the administrator: {failures}");
        var failed = Assert.Single(failures.GetProperty("instances").EnumerateArray());
        Assert.Contains("Corrupted is not a valid EventType value", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(host.Lines, l => l.Contains($"An unexpected failure occurred while processing instance '{victim}'", StringComparison.Ordinal));

        // Its history is kept in the quarantine table, and the retry loop has stopped (no new load failures).
        var quarantined = new List<TableEntity>();
        await foreach (var row in site.Tables.GetTableClient(site.TaskHub + "Quarantine").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {victim}")))
        {
            quarantined.Add(row);
        }

        Assert.Equal(rows.Count, quarantined.Count);
        Assert.Contains(quarantined, r => r.GetString("EventType") == "Corrupted");
        var before = LoadFailures(host, victim);
        await Task.Delay(TimeSpan.FromSeconds(10));
        Assert.Equal(before, LoadFailures(host, victim));

        // A third application submitted afterwards still reaches AwaitingClerk in normal time.
        var later = new AwardJourney(site, 1, firstFirm: 50);
        await later.SetUpFirmsAsync(api);
        await later.SubmitToCycleAsync(journey.CycleId, _ => api);
        var next = Stopwatch.StartNew();
        while (!(await journey.StoredStatusesAsync()).TryGetValue(later.ApplicationIds.Single(), out var status) || status != ApplicationStatus.AwaitingClerk)
        {
            Assert.True(next.Elapsed < NormalTime, $"the application submitted after the quarantine did not reach AwaitingClerk\n{host.Output}");
            await Task.Delay(300);
        }
    }

    private static int LoadFailures(AppProcess host, string instanceId) =>
        host.Lines.Count(l => l.Contains($"An unexpected failure occurred while processing instance '{instanceId}'", StringComparison.Ordinal));

    private static async Task<JsonElement> WaitForFailuresAsync(BrandFlowApi api, Func<JsonElement, bool> done)
    {
        var watch = Stopwatch.StartNew();
        JsonElement failures = default;
        while (watch.Elapsed < GuardTime)
        {
            failures = await api.GetJsonAsync<JsonElement>(AwardJourney.Admin, "api/admin/workflow/failures");
            if (done(failures))
            {
                return failures;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"not listed to the administrator within {GuardTime.TotalSeconds:0} s: {failures}\n{api.Host.Output}");
        return failures;
    }
}
