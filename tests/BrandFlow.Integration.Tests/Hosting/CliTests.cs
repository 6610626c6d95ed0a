using System.Diagnostics;
using System.Text.Json;

namespace BrandFlow.Integration.Tests.Hosting;

/// <summary>The command line (functions/BrandFlow.Cli, System.CommandLine) run as a real process.</summary>
public class CliTests
{
    private const string Request = """
        { "asOf": "2024-12-31",
          "applicant": { "name": "咸宁市名优食品有限公司", "creditCode": "91421200Y1JJC1710Y", "kind": "enterprise", "affiliation": "city", "jurisdiction": "421200" },
          "achievements": [ { "kind": "trademark.well-known", "level": "national", "date": "2024-04-01" } ] }
        """;

    [Fact]
    public async Task Evaluate_FromStdin_PrintsResultJson()
    {
        var (exit, stdout, _) = await RunAsync(["evaluate", "-"], Request);

        Assert.Equal(0, exit);
        var result = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(400_000m, result.GetProperty("total").GetDecimal());
        Assert.Equal("xn-tm-well-known", result.GetProperty("awards")[0].GetProperty("clauseId").GetString());
    }

    [Fact]
    public async Task Evaluate_FromFile_PrintsResultJson()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, Request);
        var (exit, stdout, _) = await RunAsync(["evaluate", file], "");
        File.Delete(file);

        Assert.Equal(0, exit);
        Assert.Contains("市属单位奖励 400,000.00 元", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_InvalidInput_ExitsNonZeroNamingField()
    {
        var (exit, stdout, stderr) = await RunAsync(["evaluate", "-"], Request.Replace("\"level\": \"national\"", "\"level\": \"municipal\"", StringComparison.Ordinal));

        Assert.Equal(2, exit);
        Assert.Empty(stdout.Trim());
        Assert.Contains("achievements[0].level", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadPolicies_RunTwiceAgainstAzurite_SecondRunWritesNoNewVersion()
    {
        var storage = new Dictionary<string, string> { ["BrandFlowStorage"] = Azurite.ConnectionString, ["BrandFlow__PolicyTable"] = Azurite.UniqueName("clipolicies") };

        var first = await RunAsync(["load-policies"], "", storage);
        var second = await RunAsync(["load-policies"], "", storage);

        Assert.Equal(0, first.Exit);
        Assert.Contains("5 documents, 109 clauses, 109 new clause versions, 0 unchanged", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, second.Exit);
        Assert.Contains("109 clauses, 0 new clause versions, 109 unchanged", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedDemo_InDevelopment_RunTwice_SeedsOnceAndPrintsTheAccounts()
    {
        // What the README's first command runs (scripts/start.sh): the development environment validates the services.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string>
        {
            ["BrandFlowStorage"] = Azurite.ConnectionString,
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["BrandFlow__Mail__LocalEndpoint"] = "true",
            ["BrandFlow__StoragePrefix"] = "cli" + suffix,
            ["BrandFlow__TaskHub"] = "cli" + suffix,
            ["BrandFlow__PolicyTable"] = Azurite.UniqueName("clidemo"),
        };
        Assert.Equal(0, (await RunAsync(["load-policies"], "", settings)).Exit);

        var first = await RunAsync(["seed-demo"], "", settings);
        var second = await RunAsync(["seed-demo"], "", settings);

        Assert.True(first.Exit == 0, first.Stderr);
        Assert.True(second.Exit == 0, second.Stderr);
        Assert.Contains("demo cycle opened", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("demo cycle already there", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("clerk@", first.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", first.Stderr + second.Stderr, StringComparison.Ordinal);
        Assert.Equal(
            first.Stdout.Split('\n').Count(l => l.Contains('@', StringComparison.Ordinal)),
            second.Stdout.Split('\n').Count(l => l.Contains('@', StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AddAccount_RegistersTheFirstAdministrator_AndRefusesBadInputWithExitTwo()
    {
        var prefix = "acc" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string>
        {
            ["BrandFlowStorage"] = Azurite.ConnectionString,
            ["BrandFlow__StoragePrefix"] = prefix,
            ["BrandFlow__TaskHub"] = prefix,
            ["BrandFlow__PolicyTable"] = Azurite.UniqueName("cliacc"),
        };
        Assert.Equal(0, (await RunAsync(["load-policies"], "", settings)).Exit);

        var added = await RunAsync(["add-account", "First.Admin@Example.gov.cn", "--name", "张强", "--role", "Administrator", "--jurisdiction", "421223"], "", settings);
        var noName = await RunAsync(["add-account", "second@example.gov.cn", "--role", "Administrator"], "", settings);
        var badEmail = await RunAsync(["add-account", "not-an-email", "--name", "李华", "--role", "Finance"], "", settings);

        Assert.True(added.Exit == 0, added.Stderr);
        Assert.Contains("first.admin@example.gov.cn Administrator 421223", added.Stdout, StringComparison.Ordinal);
        var storage = await BrandFlow.Awards.AzureStorage.AwardsStorage.CreateAsync(
            Azurite.ConnectionString, new BrandFlow.Awards.AzureStorage.AwardsStorageOptions { Prefix = prefix }, TimeProvider.System);
        var stored = await storage.Directory.GetUserAsync("first.admin@example.gov.cn");
        Assert.NotNull(stored);
        Assert.Equal([BrandFlow.Awards.Model.Role.Administrator], stored.Roles);
        Assert.Equal("421223", stored.Jurisdiction);

        Assert.Equal(2, noName.Exit);
        Assert.Contains("--name", noName.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badEmail.Exit);
        Assert.Contains("not-an-email", badEmail.Stderr, StringComparison.Ordinal);
        Assert.Null(await storage.Directory.GetUserAsync("second@example.gov.cn"));
        Assert.Null(await storage.Directory.GetUserAsync("not-an-email"));
    }

    [Fact]
    public async Task LoadPolicies_WithoutStorage_ExitsTwoNamingTheSetting()
    {
        var (exit, _, stderr) = await RunAsync(["load-policies"], "");

        Assert.Equal(2, exit);
        Assert.Contains("BrandFlowStorage", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedDemo_WithAHalfGivenIdentityConnection_FailsNamingTheSettingWithoutStackTrace()
    {
        // A section without an account name or endpoints: start-up validation names what is missing.
        var (exit, _, stderr) = await RunAsync(["seed-demo"], "", new() { ["BrandFlowStorage__credential"] = "managedidentity" });

        Assert.Equal(1, exit);
        Assert.Contains("BrandFlowStorage__accountName", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_WithoutEquals_ExitsTwo()
    {
        var (exit, _, stderr) = await RunAsync(["evaluate", "-", "--set", "BrandFlow__TaskHub"], Request);

        Assert.Equal(2, exit);
        Assert.Contains("key=value", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownVerb_ExitsTwoWithUsage()
    {
        var (exit, stdout, stderr) = await RunAsync(["serve"], "");

        Assert.Equal(2, exit);
        Assert.Contains("load-policies", stdout + stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args, string stdin, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "brandflow.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The CLI reads the reviewed files when no storage account is configured.
        start.Environment["BrandFlowStorage"] = "";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["BrandFlow__PoliciesPath"] = Repository.Policies;
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await stdout, await stderr);
    }
}
