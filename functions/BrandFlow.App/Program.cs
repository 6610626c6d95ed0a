using BrandFlow.App.Hosting;
using BrandFlow.Hosting;

// Verbs: serve (default) | evaluate [file|-] | load-policies | open-cycle [file|-] | seed-demo.
var verb = args.FirstOrDefault(a => !a.StartsWith('-')) is { } first && first is "serve" or "evaluate" or "load-policies" or "open-cycle" or "seed-demo" ? first : "serve";
var rest = args.SkipWhile(a => a != verb).Skip(1).ToArray();
if (verb is "open-cycle" or "seed-demo")
{
    var configurationArgs = rest.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray();
    return verb == "open-cycle"
        ? await Cli.OpenCycleAsync(rest.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray(), configurationArgs, Console.In, Console.Out, Console.Error)
        : await Cli.SeedDemoAsync(configurationArgs, Console.Out, Console.Error);
}

if (verb != "serve")
{
    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(rest.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray()).Build();
    var options = configuration.GetSection("BrandFlow").Get<BrandFlowOptions>() ?? new BrandFlowOptions();
    return verb == "evaluate"
        ? await Cli.EvaluateAsync(rest.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray(), options, Console.In, Console.Out, Console.Error)
        : await Cli.LoadPoliciesAsync(options, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = rest, ContentRootPath = AppContext.BaseDirectory });
await builder.AddBrandFlowAsync();
var app = builder.Build();
app.MapBrandFlow();
await app.RunAsync();
return 0;

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
