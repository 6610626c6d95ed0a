namespace BrandFlow.Engine.Bench;

/// <summary>The measurements of one engine profile; a scenario that failed leaves its entry null and an error.</summary>
/// <param name="Name">Profile name.</param>
/// <param name="Settings">Settings over the engine's defaults.</param>
internal sealed record ProfileRun(string Name, string Settings)
{
    /// <summary>Chains.</summary>
    public ScenarioResult? Chains { get; set; }

    /// <summary>Fan-out/fan-in.</summary>
    public ScenarioResult? FanOut { get; set; }

    /// <summary>External events.</summary>
    public ScenarioResult? Events { get; set; }

    /// <summary>Memory with the event scenario's instances in flight.</summary>
    public MemoryResult? Memory { get; set; }

    /// <summary>Idle requests over the idle window.</summary>
    public StorageCounts? Idle { get; set; }

    /// <summary>Scenarios that failed, with the error.</summary>
    public List<string> Errors { get; } = [];
}

/// <summary>Everything one run measured (also written as JSON).</summary>
internal sealed record BenchResult(
    DateTimeOffset Started,
    TimeSpan Elapsed,
    string LoadBefore,
    string LoadAfter,
    int Chains,
    int ChainLength,
    int FanOut,
    int Events,
    TimeSpan IdleWindow,
    IReadOnlyList<RawRate> RawBefore,
    IReadOnlyList<RawRate> RawAfter,
    ClientCosts ClientCosts,
    IReadOnlyList<ProfileRun> Profiles,
    string? ExtendedSessions,
    IReadOnlyDictionary<string, int> EngineLog);
