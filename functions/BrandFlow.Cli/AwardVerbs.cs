using System.Text.Json;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Hosting;
using BrandFlow.Hosting.Access;
using BrandFlow.Hosting.Awards;
using BrandFlow.Site;

namespace BrandFlow.Cli;

/// <summary>Administrator verbs over the award service: open-cycle and seed-demo (the same checks as the API).</summary>
public static class AwardVerbs
{
    /// <summary>The actor of command-line verbs: whoever holds the storage connection administers the system.</summary>
    public static readonly UserAccount CommandLineAdministrator =
        new("cli@brandflow.local", "命令行管理员 / Command-line administrator", [Role.Administrator]);

    /// <summary>`open-cycle file|-`: validates and opens a cycle (body as POST /api/cycles); a refusal goes to stderr (exit 2).</summary>
    public static async Task<int> OpenCycleAsync(string input, IReadOnlyDictionary<string, string?> settings, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        if (await PolicyVerbs.ReadInputAsync(input, stdin, stderr, cancellationToken).ConfigureAwait(false) is not { } json)
        {
            return CliProgram.InvalidInput;
        }

        return await WithServiceAsync(settings, stderr, async service =>
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
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>`add-account`: registers or updates one account with the API's checks; prints what was stored.</summary>
    public static Task<int> AddAccountAsync(UserAccount account, IReadOnlyDictionary<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        return WithServiceAsync(settings, stderr, async service =>
        {
            var stored = await service.UpsertAccountAsync(CommandLineAdministrator, account, cancellationToken).ConfigureAwait(false);
            var scope = string.Join(" ", new[] { stored.DepartmentId, stored.Jurisdiction, stored.CreditCode }.Where(v => !string.IsNullOrEmpty(v)));
            await stdout.WriteLineAsync($"账户已登记 / account stored: {stored.Email} {string.Join(",", stored.Roles)} {scope}".TrimEnd()).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>`seed-demo`: registers the demo firm and accounts and opens the demo cycle (idempotent); prints the accounts.</summary>
    public static Task<int> SeedDemoAsync(IReadOnlyDictionary<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        WithServiceAsync(settings, stderr, service => DemoSeed.RunAsync(service, CommandLineAdministrator, stdout), cancellationToken);

    /// <summary>
    /// Starts the shared composition in a generic host (no web server) with the durable engine as a client only (a
    /// running host processes what the verb starts), runs the action, and maps refusals to exit code 2.
    /// </summary>
    private static async Task<int> WithServiceAsync(IReadOnlyDictionary<string, string?> settings, TextWriter stderr, Func<AwardsService, Task> action, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Configuration.AddCliSettings(settings, policies: null);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddBrandFlow(HostRequirements.CommandLine);
        builder.AddBrandFlowDurableEngine(processWork: false);
        using var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await action(host.Services.GetRequiredService<AwardsService>()).ConfigureAwait(false);
            return 0;
        }
        catch (AwardsException ex)
        {
            await stderr.WriteLineAsync($"{ex.MessageZh} / {ex.MessageEn}").ConfigureAwait(false);
            foreach (var error in ex.Errors)
            {
                await stderr.WriteLineAsync($"  {error.Field}: {error.MessageZh} / {error.MessageEn}").ConfigureAwait(false);
            }

            return CliProgram.InvalidInput;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
