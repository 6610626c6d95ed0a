using System.Text.Json;
using BrandFlow.Hosting.Access;
using BrandFlow.Hosting.Awards;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using Microsoft.AspNetCore.Hosting.Server;
using BrandFlow.Hosting;

namespace BrandFlow.App.Hosting;

/// <summary>Administrator verbs over the award service: open-cycle and seed-demo (the same checks as the API).</summary>
public static partial class Cli
{
    /// <summary>The actor of command-line verbs: whoever holds the storage connection string administers the system.</summary>
    public static readonly UserAccount CommandLineAdministrator =
        new("cli@brandflow.local", "命令行管理员 / Command-line administrator", [Role.Administrator]);

    /// <summary>`open-cycle file.json|-`: validates and opens a cycle (body as POST /api/cycles); prints the refusal on stderr.</summary>
    public static async Task<int> OpenCycleAsync(string[] args, string[] configurationArgs, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (await ReadInputAsync(args, stdin, stderr).ConfigureAwait(false) is not { } json)
        {
            return InvalidInput;
        }

        return await WithServiceAsync(configurationArgs, stderr, async service =>
        {
            AwardsEndpoints.OpenCycleRequest request;
            try
            {
                request = JsonSerializer.Deserialize<AwardsEndpoints.OpenCycleRequest>(json, ApiJson.Options)
                    ?? throw new JsonException("empty body");
            }
            catch (JsonException ex)
            {
                throw AwardsErrors.Invalid(string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path, $"JSON 格式错误：{ex.Message}", $"Malformed JSON: {ex.Message}");
            }

            var opened = await service.OpenCycleAsync(CommandLineAdministrator, request.Definition(), request.StartAt).ConfigureAwait(false);
            await stdout.WriteLineAsync($"申报年度已开启 / cycle opened: {opened.CycleId} ({opened.OpensOn:yyyy-MM-dd}..{opened.ClosesOn:yyyy-MM-dd})").ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>`seed-demo`: registers the demo firm and accounts and opens the demo cycle (idempotent); prints the accounts.</summary>
    public static Task<int> SeedDemoAsync(string[] configurationArgs, TextWriter stdout, TextWriter stderr) =>
        WithServiceAsync(configurationArgs, stderr, service => DemoSeed.RunAsync(service, CommandLineAdministrator, stdout));

    /// <summary>
    /// Starts the app's services without a web server and with the durable engine as a client only (a running `serve`
    /// processes what the verb starts), runs the action, and maps refusals to exit code 2.
    /// </summary>
    private static async Task<int> WithServiceAsync(string[] configurationArgs, TextWriter stderr, Func<AwardsService, Task> action)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = configurationArgs, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["BrandFlow:Worker:Enabled"] = "false";
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        await builder.AddBrandFlowAsync().ConfigureAwait(false);
        builder.Services.AddSingleton<IServer, NoListeningServer>();
        await using var app = builder.Build();
        if (app.Services.GetService<AwardStores>() is null)
        {
            await stderr.WriteLineAsync("未配置存储（BrandFlow__Storage） / no storage configured (BrandFlow__Storage)").ConfigureAwait(false);
            return InvalidInput;
        }

        await app.StartAsync().ConfigureAwait(false);
        try
        {
            await action(app.Services.GetRequiredService<AwardsService>()).ConfigureAwait(false);
            return 0;
        }
        catch (AwardsException ex)
        {
            await stderr.WriteLineAsync($"{ex.MessageZh} / {ex.MessageEn}").ConfigureAwait(false);
            foreach (var error in ex.Errors)
            {
                await stderr.WriteLineAsync($"  {error.Field}: {error.MessageZh} / {error.MessageEn}").ConfigureAwait(false);
            }

            return InvalidInput;
        }
        finally
        {
            await app.StopAsync().ConfigureAwait(false);
        }
    }
}
