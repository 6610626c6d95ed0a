namespace BrandFlow.Durable.Bench;

/// <summary>The orchestrations and activities the benchmark runs.</summary>
internal static class BenchWorkloads
{
    /// <summary>Registers Chain, FanOut, WaitForGo and the Increment activity, which first awaits <paramref name="recordEffect"/> if given.</summary>
    public static DurableTaskRegistry CreateRegistry(Func<TaskActivityContext, int, Task>? recordEffect = null)
    {
        var registry = new DurableTaskRegistry();
        registry.AddActivityFunc<int, int>("Increment", async (context, value) =>
        {
            if (recordEffect is not null)
            {
                await recordEffect(context, value);
            }

            return value + 1;
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
            var results = await Task.WhenAll(Enumerable.Range(0, width).Select(i => context.CallActivityAsync<int>("Increment", i)));
            return results.Sum();
        });
        registry.AddOrchestratorFunc<int, int>("WaitForGo", async (context, start) =>
            start + await context.WaitForExternalEvent<int>("go"));
        return registry;
    }
}
