using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text.Json;

namespace BrandFlow.Integration.Tests.Hosting;

/// <summary>The Azure packaging: Bicep compiles, host.json names a custom handler, every HTTP function's route is served.</summary>
public sealed class InfraTests(PolicyApiTests.LoadedApp app) : IClassFixture<PolicyApiTests.LoadedApp>
{
    private static readonly string Root = Path.GetDirectoryName(AzuriteStorage.Policies)!;

    [Fact]
    public async Task MainBicep_Builds_WithoutErrors()
    {
        var package = typeof(InfraTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackagePath").Value!;
        var bicep = Path.Combine(package, "tools", "bicep");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }

        var output = Path.Combine(Path.GetTempPath(), $"brandflow-main-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo(bicep, ["build", Path.Combine(Root, "infra", "main.bicep"), "--outfile", output])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(process.ExitCode == 0, await stderr);
        var template = JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement;
        File.Delete(output);
        Assert.Contains(template.GetProperty("resources").EnumerateArray(), r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");
    }

    [Fact]
    public void HostJson_DeclaresCustomHandlerForwardingHttp()
    {
        var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "host.json"))).RootElement;
        var handler = host.GetProperty("customHandler");
        Assert.Equal("BrandFlow.App", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
    }

    [Fact]
    public async Task FunctionDefinitions_EveryHttpRoute_IsServedByTheApp()
    {
        var client = app.CreateClient();
        var folders = Directory.GetDirectories(Path.Combine(Root, "infra", "functions"));
        Assert.NotEmpty(folders);
        foreach (var folder in folders)
        {
            var trigger = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "function.json"))).RootElement
                .GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");
            var route = "/" + trigger.GetProperty("route").GetString()!.Replace("{id}", "cy-tm-well-known", StringComparison.Ordinal);
            var method = new HttpMethod(trigger.GetProperty("methods")[0].GetString()!.ToUpperInvariant());
            using var request = new HttpRequestMessage(method, route) { Content = method == HttpMethod.Post ? new StringContent("{}") : null };
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{method} {route} answered {(int)response.StatusCode}");
        }
    }
}
