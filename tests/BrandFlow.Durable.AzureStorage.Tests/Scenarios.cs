using System.Collections.Concurrent;

namespace BrandFlow.Durable.AzureStorage.Tests;

/// <summary>
/// The orchestrations the end-to-end tests run, and a ledger where activities record their effect idempotently by
/// idempotency key (as production activities must), plus a raw count of executions.
/// </summary>
internal sealed class Scenarios
{
    /// <summary>Effects by idempotency key; each key is written once however often the activity runs.</summary>
    public ConcurrentDictionary<string, int> Ledger { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times activities ran in total (at least once each; more after a crash).</summary>
    public int Executions => this.executions;

    private int executions;

    /// <summary>Builds a registry with Chain, FanOut, Approval, Sleep and Echo.</summary>
    public DurableTaskRegistry CreateRegistry()
    {
        var registry = new DurableTaskRegistry();
        registry.AddActivityFunc<int, int>("Increment", (context, value) => Task.FromResult(this.Record(context, value + 1)));
        registry.AddActivityFunc<int, int>("Square", (context, value) => Task.FromResult(this.Record(context, value * value)));
        registry.AddActivityFunc<string, string>("Reverse", (context, text) =>
        {
            this.Record(context, text.Length);
            return Task.FromResult(new string(text.Reverse().ToArray()));
        });

        registry.AddOrchestratorFunc<int, int>("Chain", async (context, length) =>
        {
            var value = 0;
            for (var i = 0; i < length; i++)
            {
                value = await context.CallActivityAsync<int>("Increment", value);
            }

            return value;
        });
        registry.AddOrchestratorFunc<int, int>("FanOut", async (context, width) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(1, width).Select(i => context.CallActivityAsync<int>("Square", i)));
            return results.Sum();
        });
        registry.AddOrchestratorFunc<int, int>("Approval", async (context, start) =>
        {
            var approved = await context.WaitForExternalEvent<int>("approve");
            return await context.CallActivityAsync<int>("Increment", start + approved);
        });
        registry.AddOrchestratorFunc<int, string>("Sleep", async (context, seconds) =>
        {
            await context.CreateTimer(TimeSpan.FromSeconds(seconds), CancellationToken.None);
            return "woke";
        });
        registry.AddOrchestratorFunc<string, string>("Echo", async (context, text) =>
            await context.CallActivityAsync<string>("Reverse", text));
        registry.AddOrchestratorFunc<int, int>("Countdown", async (context, remaining) =>
        {
            if (remaining > 0)
            {
                await context.CallActivityAsync<int>("Increment", remaining);
                context.ContinueAsNew(remaining - 1);
            }

            return remaining;
        });
        registry.AddOrchestratorFunc<int, int>("Parent", async (context, width) =>
        {
            var children = Enumerable.Range(1, 3).Select(i => context.CallSubOrchestratorAsync<int>("FanOut", width));
            return (await Task.WhenAll(children)).Sum();
        });
        return registry;
    }

    /// <summary>Expected result of a chain of <paramref name="length"/>.</summary>
    public static int ChainResult(int length) => length;

    /// <summary>Expected result of a fan-out of <paramref name="width"/>: the sum of squares.</summary>
    public static int FanOutResult(int width) => Enumerable.Range(1, width).Sum(i => i * i);

    private int Record(TaskActivityContext context, int effect)
    {
        Interlocked.Increment(ref this.executions);
        this.Ledger.TryAdd(context.IdempotencyKey, effect);
        return effect;
    }
}
