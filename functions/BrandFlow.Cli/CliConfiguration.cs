namespace BrandFlow.Cli;

/// <summary>The verbs' configuration: environment variables, then the command line's settings.</summary>
internal static class CliConfiguration
{
    /// <summary>Adds the command line's settings (and the --policies folder) on top of the environment.</summary>
    public static IConfigurationBuilder AddCliSettings(this IConfigurationBuilder configuration, IReadOnlyDictionary<string, string?> settings, DirectoryInfo? policies)
    {
        var all = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);
        if (policies is not null)
        {
            all["BrandFlow:PoliciesPath"] = policies.FullName;
        }

        return configuration.AddInMemoryCollection(all);
    }

    /// <summary>Environment and settings, for the verbs that need no host.</summary>
    public static IConfiguration Build(IReadOnlyDictionary<string, string?> settings, DirectoryInfo? policies) =>
        new ConfigurationBuilder().AddEnvironmentVariables().AddCliSettings(settings, policies).Build();
}
