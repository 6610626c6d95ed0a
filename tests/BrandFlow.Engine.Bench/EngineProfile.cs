using System.Globalization;
using BrandFlow.Engine.Local;

namespace BrandFlow.Engine.Bench;

/// <summary>A named set of engine settings applied over <see cref="LocalEngineOptions"/>' defaults ("PartitionCount=1,MaxQueuePollingInterval=5").</summary>
/// <param name="Name">Name in the report.</param>
/// <param name="Settings">Setting name and value; times in seconds.</param>
internal sealed record EngineProfile(string Name, IReadOnlyList<KeyValuePair<string, string>> Settings)
{
    /// <summary>Parses "name:Key=Value,Key=Value" (no settings: the engine's defaults).</summary>
    public static EngineProfile Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? text : text[..colon];
        var settings = colon < 0 ? [] : text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => pair.Length == 2 ? KeyValuePair.Create(pair[0], pair[1]) : throw new FormatException($"'{string.Join('=', pair)}' is not Key=Value"))
            .ToList();
        var profile = new EngineProfile(name, settings);
        profile.Apply(new LocalEngineOptions()); // fail on an unknown setting before anything runs
        return profile;
    }

    /// <summary>The settings as written in the report ("engine defaults" when none).</summary>
    public string Description => this.Settings.Count == 0 ? "engine defaults" : string.Join(", ", this.Settings.Select(s => $"{s.Key}={s.Value}"));

    /// <summary>Applies the settings.</summary>
    public void Apply(LocalEngineOptions options)
    {
        foreach (var (key, value) in this.Settings)
        {
            switch (key)
            {
                case nameof(LocalEngineOptions.PartitionCount):
                    options.PartitionCount = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case nameof(LocalEngineOptions.ControlQueueBatchSize):
                    options.ControlQueueBatchSize = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case nameof(LocalEngineOptions.MaxQueuePollingInterval):
                    options.MaxQueuePollingInterval = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
                    break;
                case nameof(LocalEngineOptions.MaxConcurrentActivities):
                    options.MaxConcurrentActivities = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case nameof(LocalEngineOptions.MaxConcurrentOrchestrations):
                    options.MaxConcurrentOrchestrations = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case nameof(LocalEngineOptions.ExtendedSessionsEnabled):
                    options.ExtendedSessionsEnabled = bool.Parse(value);
                    break;
                default:
                    throw new FormatException($"Unknown engine setting '{key}'.");
            }
        }
    }
}
