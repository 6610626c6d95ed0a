using BrandFlow.Hosting;
using BrandFlow.Policy.Calculation;
using BrandFlow.Policy.Catalog;
using BrandFlow.Policy.Loading;

namespace BrandFlow.Cli;

/// <summary>The policy verbs: evaluate (JSON in, JSON out) and load-policies (files into Table Storage).</summary>
internal static class PolicyVerbs
{
    /// <summary>
    /// `evaluate [file|-]`: prints the evaluation as JSON, or the input errors on stderr (exit 2). The catalog is the one in
    /// Table Storage when BrandFlowStorage is set and --policies is not given, else the reviewed files.
    /// </summary>
    public static async Task<int> EvaluateAsync(string input, IReadOnlyDictionary<string, string?> settings, DirectoryInfo? policies, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (await ReadInputAsync(input, stdin, stderr, cancellationToken).ConfigureAwait(false) is not { } json)
        {
            return CliProgram.InvalidInput;
        }

        var configuration = CliConfiguration.Build(settings, policies);
        var options = Options(configuration);
        PolicyCatalog catalog;
        try
        {
            catalog = StorageConnection.FromConfiguration(configuration) is { } storage && policies is null
                ? await CatalogSourceFactory.Store(storage, options, TimeProvider.System).ReadCatalogAsync(cancellationToken).ConfigureAwait(false)
                : CatalogLoader.LoadDirectory(options.ResolvePoliciesPath());
        }
        catch (CatalogValidationException ex)
        {
            await WriteCatalogErrorsAsync(ex, stderr).ConfigureAwait(false);
            return CliProgram.InvalidInput;
        }

        try
        {
            var result = new PolicyCalculator(catalog).Evaluate(PolicyJson.ParseRequest(json));
            await stdout.WriteLineAsync(PolicyJson.Write(result)).ConfigureAwait(false);
            return 0;
        }
        catch (EvaluationInputException ex)
        {
            await stderr.WriteLineAsync(PolicyJson.Write(new { errors = ex.Errors })).ConfigureAwait(false);
            return CliProgram.InvalidInput;
        }
    }

    /// <summary>`load-policies`: validates the catalog files and writes them into Table Storage (idempotent; nothing is written when a file is invalid).</summary>
    public static async Task<int> LoadPoliciesAsync(IReadOnlyDictionary<string, string?> settings, DirectoryInfo? policies, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var configuration = CliConfiguration.Build(settings, policies);
        if (StorageConnection.FromConfiguration(configuration) is not { } storage)
        {
            await stderr.WriteLineAsync($"未配置存储（{StorageConnection.Name}） / no storage configured ({StorageConnection.Name})").ConfigureAwait(false);
            return CliProgram.InvalidInput;
        }

        var options = Options(configuration);
        try
        {
            var source = CatalogLoader.ParseDirectory(options.ResolvePoliciesPath());
            var report = await CatalogSourceFactory.Store(storage, options, TimeProvider.System).LoadAsync(source, cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync(
                $"policy catalog loaded: {report.Documents} documents, {report.Clauses} clauses, {report.NewVersions} new clause versions, {report.Unchanged} unchanged")
                .ConfigureAwait(false);
            return 0;
        }
        catch (CatalogValidationException ex)
        {
            await WriteCatalogErrorsAsync(ex, stderr).ConfigureAwait(false);
            return CliProgram.InvalidInput;
        }
    }

    /// <summary>The JSON a verb reads: the named file, or stdin for "-"; null (told on stderr) if the file is missing.</summary>
    public static async Task<string?> ReadInputAsync(string path, TextReader stdin, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            return await stdin.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        if (File.Exists(path))
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }

        await stderr.WriteLineAsync($"找不到文件 {path} / file not found: {path}").ConfigureAwait(false);
        return null;
    }

    private static BrandFlowOptions Options(IConfiguration configuration) =>
        configuration.GetSection(BrandFlowOptions.Section).Get<BrandFlowOptions>() ?? new BrandFlowOptions();

    private static async Task WriteCatalogErrorsAsync(CatalogValidationException ex, TextWriter stderr)
    {
        await stderr.WriteLineAsync("政策目录无效，未写入任何内容 / the policy catalog is invalid; nothing was written:").ConfigureAwait(false);
        foreach (var error in ex.Errors)
        {
            await stderr.WriteLineAsync("  " + error).ConfigureAwait(false);
        }
    }
}
