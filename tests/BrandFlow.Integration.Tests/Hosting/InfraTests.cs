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
        // The award routes exist only with a link signing key (the test host runs as Production); any test key will do.
        Environment.SetEnvironmentVariable("BrandFlow__Links__SigningKey", Convert.ToBase64String(new byte[32]));
        var client = app.CreateClient();
        var folders = Directory.GetDirectories(Path.Combine(Root, "infra", "functions"));
        Assert.NotEmpty(folders);
        foreach (var folder in folders)
        {
            // Only HTTP triggers are routes of the app.
            var trigger = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "function.json"))).RootElement
                .GetProperty("bindings").EnumerateArray().SingleOrDefault(b => b.GetProperty("type").GetString() == "httpTrigger");
            if (trigger.ValueKind == JsonValueKind.Undefined)
            {
                continue;
            }

            var route = "/" + trigger.GetProperty("route").GetString()!.Replace("{id}", "cy-tm-well-known", StringComparison.Ordinal);
            foreach (var name in trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()))
            {
                var method = new HttpMethod(name);
                using var request = new HttpRequestMessage(method, route) { Content = method == HttpMethod.Get ? null : new StringContent("{}") };
                var response = await client.SendAsync(request);

                // Served means the app has the route: anything but not-found, wrong method or a server error (the award
                // API answers 401/403/415 to an anonymous, bodiless probe; the policy API 200/400).
                Assert.True(
                    response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed) && (int)response.StatusCode < 500,
                    $"{method} {route} answered {(int)response.StatusCode}");
            }
        }
    }
}
