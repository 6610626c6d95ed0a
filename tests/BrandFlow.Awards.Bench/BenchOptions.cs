using System.Globalization;

namespace BrandFlow.Awards.Bench;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchOptions(int Applications, int Concurrency, string ResultsPath, TimeSpan RawDuration, TimeSpan MaxVisibility, bool ViaFacade = false)
{
    /// <summary>Parses the options; null when one is unknown or invalid.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(2000, 16, "results.md", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            int Number() => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new FormatException(args[i]);
            try
            {
                options = args[i] switch
                {
                    "--applications" => options with { Applications = Number() },
                    "--concurrency" => options with { Concurrency = Number() },
                    "--results" => options with { ResultsPath = value ?? throw new FormatException(args[i]) },
                    "--raw-seconds" => options with { RawDuration = TimeSpan.FromSeconds(Number()) },
                    "--max-visibility" => options with { MaxVisibility = TimeSpan.FromSeconds(Number()) },
                    "--via" => options with { ViaFacade = value switch { "facade" => true, "api" => false, _ => throw new FormatException(args[i]) } },
                    _ => throw new FormatException(args[i]),
                };
                i++;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return options;
    }
}
