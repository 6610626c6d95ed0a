using System.Diagnostics;
using BrandFlow.Awards.Model;
using Xunit.Abstractions;

namespace BrandFlow.Resilience.Tests;

/// <summary>
/// Two app processes (BrandFlow.App.dll, both running the durable worker) on one task hub: 200 applications submitted
/// through the API of both, alternately, then the clerk check and the review decision, also split across both. Every
/// application must reach AwaitingFiscalApproval within a bound: none lost, none doubled, none stalled.
/// (The journey stops at the review: the cycle's fiscal and payout steps are covered by <see cref="HostKillTests"/>.)
/// </summary>
public sealed class TwoHostsTests(ITestOutputHelper output)
{
    private const int Applications = 200;

    [Fact]
    public async Task TwoHostsOneTaskHub_200Applications_EachSettlesOnce()
    {
        var watch = Stopwatch.StartNew();
        await using var site = await TestSite.CreateAsync();
        var journey = new AwardJourney(site, Applications);
        var hosts = await Task.WhenAll(site.StartAsync("host-a"), site.StartAsync("host-b"));
        using var a = journey.Api(hosts[0]);
        using var b = journey.Api(hosts[1]);
        BrandFlowApi Either(int i) => i % 2 == 0 ? a : b;
        await journey.SetUpAsync(a);
        output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: {Applications} firms registered, cycle open");

        await journey.SubmitAsync(Either, concurrency: 16);
        output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: submitted");
        await journey.WaitForAllAsync(b, s => s == ApplicationStatus.AwaitingClerk, TimeSpan.FromMinutes(3), "AwaitingClerk");
        output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: all AwaitingClerk");

        await journey.ClerkApproveAsync(Either, concurrency: 16);
        await journey.ReviewApproveAsync(Either, TimeSpan.FromMinutes(3), concurrency: 16);
        output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: clerk checked and reviews decided");
        var final = await journey.WaitForAllAsync(a, s => s == ApplicationStatus.AwaitingFiscalApproval, TimeSpan.FromMinutes(3), "AwaitingFiscalApproval");
        output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: all AwaitingFiscalApproval");

        // None lost or doubled: the cycle lists exactly the 200 submitted ids, one per firm, and the task hub holds exactly
        // one AwardApplication instance per application, each still running (waiting for the fiscal decision).
        Assert.Equal(journey.ApplicationIds.Order(StringComparer.Ordinal), final.Keys.Order(StringComparer.Ordinal));
        var stored = await (await journey.StoresAsync()).Applications.ListByCycleAsync(journey.CycleId);
        Assert.Equal(Applications, stored.Select(s => s.Firm.CreditCode).Distinct(StringComparer.Ordinal).Count());
        var instances = new List<(string Id, string Status)>();
        await foreach (var row in site.Instances.QueryAsync<Azure.Data.Tables.TableEntity>("Name eq 'AwardApplication'"))
        {
            instances.Add((row.PartitionKey, row.GetString("RuntimeStatus") ?? "?"));
        }

        Assert.Equal(journey.ApplicationIds.Order(StringComparer.Ordinal), instances.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.All(instances, i => Assert.Equal("Running", i.Status));

        // Both processes ran workflow code (orchestrators and activities log under BrandFlow.Awards.Workflow).
        Assert.All(hosts, h => Assert.Contains(h.Lines, l => l.StartsWith("info: BrandFlow.Awards.Workflow.", StringComparison.Ordinal)));
        foreach (var host in hosts)
        {
            var lines = host.Lines;
            var errors = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("fail: DurableTask", StringComparison.Ordinal))
                .Select(x => string.Join(" | ", lines.Skip(x.i).Take(3).Select(l => l.Trim()))).ToList();
            output.WriteLine($"{host.Name}: {errors.Count} DurableTask errors logged (retried by the backend){(errors.Count > 0 ? ", first: " + errors[0] : string.Empty)}");
        }

        output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: done");
    }
}
