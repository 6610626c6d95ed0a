using System.Globalization;

namespace BrandFlow.Awards.Bench;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchOptions(int Applications, int Concurrency, string ResultsPath, TimeSpan RawDuration, TimeSpan? NoticeLasts = null, bool ViaFacade = false)
{
    /// <summary>Parses the options; null when one is unknown or invalid.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(2000, 16, "results.md", TimeSpan.FromSeconds(3));
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
                    "--notice-seconds" => options with { NoticeLasts = TimeSpan.FromSeconds(Number()) },
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

    /// <summary>
    /// How long the public notice lasts: every application must enter it before it ends. On the official engine about 4
    /// to 6 applications a second enter it here (a tenth of a second each was too short for 2,000), so by default half
    /// a second per application, at least 30 s. The wait for the notice's end is not timed.
    /// </summary>
    public TimeSpan Notice => this.NoticeLasts ?? TimeSpan.FromSeconds(Math.Max(30, this.Applications / 2));
}
