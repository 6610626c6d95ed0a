using BrandFlow.Policy.Calculation;
using BrandFlow.Policy.Loading;
using BrandFlow.Hosting;

namespace BrandFlow.App.Hosting;

/// <summary>Command-line verbs: evaluate (JSON in, JSON out) and load-policies (files into Table Storage).</summary>
public static partial class Cli
{
    /// <summary>Exit code for invalid input.</summary>
    public const int InvalidInput = 2;

    /// <summary>The JSON a verb reads: the file named by its first argument, or stdin for "-" or none; null (told on stderr) if the file is missing.</summary>
    private static async Task<string?> ReadInputAsync(string[] args, TextReader stdin, TextWriter stderr)
    {
        var path = args.Length > 0 ? args[0] : "-";
        if (path == "-")
        {
            return await stdin.ReadToEndAsync().ConfigureAwait(false);
        }

        if (File.Exists(path))
        {
            return await File.ReadAllTextAsync(path).ConfigureAwait(false);
        }

        await stderr.WriteLineAsync($"找不到文件 {path} / file not found: {path}").ConfigureAwait(false);
        return null;
    }

    /// <summary>`evaluate [file|-]`: reads an evaluation request and prints the result, or the errors on stderr.</summary>
    public static async Task<int> EvaluateAsync(string[] args, BrandFlowOptions options, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (await ReadInputAsync(args, stdin, stderr).ConfigureAwait(false) is not { } json)
        {
            return InvalidInput;
        }

        try
        {
            var catalog = await CatalogSourceFactory.ReadAsync(options, TimeProvider.System).ConfigureAwait(false);
            var result = new PolicyCalculator(catalog).Evaluate(PolicyJson.ParseRequest(json));
            await stdout.WriteLineAsync(PolicyJson.Write(result)).ConfigureAwait(false);
            return 0;
        }
        catch (EvaluationInputException ex)
        {
            await stderr.WriteLineAsync(PolicyJson.Write(new { errors = ex.Errors })).ConfigureAwait(false);
            return InvalidInput;
        }
    }

    /// <summary>`load-policies`: validates the catalog files and writes them into Table Storage (idempotent).</summary>
    public static async Task<int> LoadPoliciesAsync(BrandFlowOptions options, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var source = CatalogLoader.ParseDirectory(options.ResolvePoliciesPath());
            var report = await CatalogSourceFactory.Store(options, TimeProvider.System).LoadAsync(source).ConfigureAwait(false);
            await stdout.WriteLineAsync(
                $"policy catalog loaded: {report.Documents} documents, {report.Clauses} clauses, {report.NewVersions} new clause versions, {report.Unchanged} unchanged")
                .ConfigureAwait(false);
            return 0;
        }
        catch (CatalogValidationException ex)
        {
            await stderr.WriteLineAsync("政策目录无效，未写入任何内容 / the policy catalog is invalid; nothing was written:").ConfigureAwait(false);
            foreach (var error in ex.Errors)
            {
                await stderr.WriteLineAsync("  " + error).ConfigureAwait(false);
            }

            return InvalidInput;
        }
    }
}
