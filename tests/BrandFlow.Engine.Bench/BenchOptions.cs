using System.Globalization;

namespace BrandFlow.Engine.Bench;

/// <summary>Command line of the benchmark.</summary>
internal sealed record BenchOptions
{
    /// <summary>
    /// The engine's defaults before this benchmark (4 partitions, 1 s polling), spelled out so the column keeps its meaning
    /// when the defaults change.
    /// </summary>
    public const string OldDefaultsProfile = "old defaults:PartitionCount=4,MaxQueuePollingInterval=1";

    /// <summary>The tuned profile (see results.md for why each setting).</summary>
    public const string TunedProfile = "tuned:PartitionCount=1,MaxQueuePollingInterval=5,MaxConcurrentOrchestrations=32";

    /// <summary>The tuned profile with extended sessions.</summary>
    public const string SessionsProfile = "tuned + extended sessions:PartitionCount=1,MaxQueuePollingInterval=5,MaxConcurrentOrchestrations=32,ExtendedSessionsEnabled=true";

    /// <summary>Markdown results file.</summary>
    public string ResultsPath { get; init; } = "results.md";

    /// <summary>Machine-readable copy (JSON); null skips it.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Profiles measured, in order; the first is the baseline.</summary>
    public IReadOnlyList<EngineProfile> Profiles { get; init; } =
        [EngineProfile.Parse(OldDefaultsProfile), EngineProfile.Parse(TunedProfile), EngineProfile.Parse(SessionsProfile)];

    /// <summary>Chain instances.</summary>
    public int Chains { get; init; } = 200;

    /// <summary>Activities per chain.</summary>
    public int ChainLength { get; init; } = 10;

    /// <summary>Fan-out width.</summary>
    public int FanOut { get; init; } = 1000;

    /// <summary>Instances waiting for one event each.</summary>
    public int Events { get; init; } = 1000;

    /// <summary>Idle measurement window.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Duration of each raw Azurite probe.</summary>
    public TimeSpan Raw { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Scenarios to run (chains, fanout, events, idle).</summary>
    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string>(["chains", "fanout", "events", "idle"], StringComparer.Ordinal);

    /// <summary>Whether to try extended sessions through the sidecar.</summary>
    public bool ProbeExtendedSessions { get; init; } = true;

    /// <summary>Parses the arguments; null on an error (usage is printed by the caller).</summary>
    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions();
        var profiles = new List<EngineProfile>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            try
            {
                options = args[i] switch
                {
                    "--results" => options with { ResultsPath = Next() },
                    "--json" => options with { JsonPath = Next() },
                    "--chains" => options with { Chains = Int() },
                    "--length" => options with { ChainLength = Int() },
                    "--fanout" => options with { FanOut = Int() },
                    "--events" => options with { Events = Int() },
                    "--idle-seconds" => options with { Idle = TimeSpan.FromSeconds(Int()) },
                    "--raw-seconds" => options with { Raw = TimeSpan.FromSeconds(Int()) },
                    "--scenarios" => options with { Scenarios = Next().Split(',').ToHashSet(StringComparer.Ordinal) },
                    "--no-probe" => options with { ProbeExtendedSessions = false },
                    "--profile" => AddProfile(options, profiles, Next()),
                    _ => throw new FormatException($"unknown argument {args[i]}"),
                };
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine(e.Message);
                return null;
            }
        }

        return profiles.Count > 0 ? options with { Profiles = profiles } : options;
    }

    private static BenchOptions AddProfile(BenchOptions options, List<EngineProfile> profiles, string text)
    {
        profiles.Add(EngineProfile.Parse(text));
        return options;
    }
}
