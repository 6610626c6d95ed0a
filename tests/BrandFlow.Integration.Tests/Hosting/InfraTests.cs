using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text.Json;
using BrandFlow.Hosting.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace BrandFlow.Integration.Tests.Hosting;

/// <summary>The Azure packaging: Bicep compiles; the local host serves exactly the JSON API the Functions app has a function for.</summary>
public sealed class InfraTests(PolicyApiTests.LoadedApp app) : IClassFixture<PolicyApiTests.LoadedApp>
{
    private static readonly string Root = Repository.Root;

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
        Assert.DoesNotContain("Warning", await stderr, StringComparison.OrdinalIgnoreCase);

        // The linter (bicep's default rules) with nothing to say.
        var lint = new ProcessStartInfo(bicep, ["lint", Path.Combine(Root, "infra", "main.bicep")]) { RedirectStandardError = true, RedirectStandardOutput = true };
        lint.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using (var linter = Process.Start(lint)!)
        {
            var lintOut = linter.StandardOutput.ReadToEndAsync();
            var lintErr = linter.StandardError.ReadToEndAsync();
            await linter.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(linter.ExitCode == 0 && (await lintOut + await lintErr).Trim().Length == 0, await lintOut + await lintErr);
        }

        var template = JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement;
        File.Delete(output);
        var resources = template.GetProperty("resources");
        var types = (resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray())
            .Select(r => r.GetProperty("type").GetString()).ToList();
        Assert.Equal(2, types.Count(t => t == "Microsoft.Web/sites"));
        Assert.Contains("Microsoft.KeyVault/vaults", types);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", types);
        Assert.Contains("Microsoft.Insights/components", types);
    }

    [Fact]
    public void LocalApiEndpoints_AreExactlyTheApiOperations()
    {
        // The award routes exist only with a link signing key (the test host runs as Production); any test key will do.
        Environment.SetEnvironmentVariable("BrandFlow__Links__SigningKey", Convert.ToBase64String(new byte[32]));
        _ = app.CreateClient();
        var served = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText![5..]}"))
            .Order(StringComparer.Ordinal);

        // The Functions app has one HTTP function per operation (tests/BrandFlow.Functions.Tests checks its metadata),
        // so the local host and Azure serve the same JSON API.
        Assert.Equal(ApiOperations.All.Select(o => $"{o.Method} {o.Route}").Order(StringComparer.Ordinal), served);
    }

    [Fact]
    public async Task EveryApiOperation_IsServedByTheApp()
    {
        Environment.SetEnvironmentVariable("BrandFlow__Links__SigningKey", Convert.ToBase64String(new byte[32]));
        var client = app.CreateClient();
        foreach (var operation in ApiOperations.All)
        {
            var route = "/api/" + string.Join('/', operation.Route.Split('/').Select(s => s.StartsWith('{') ? "cy-tm-well-known" : s));
            var method = new HttpMethod(operation.Method);
            using var request = new HttpRequestMessage(method, route) { Content = method == HttpMethod.Get ? null : new StringContent("{}") };
            var response = await client.SendAsync(request);

            // Served means the app has the route: anything but not-found, wrong method or a server error (the award
            // API answers 401/403/415 to an anonymous, bodiless probe; the policy API 200/400/404 for an unknown id).
            Assert.True(
                response.StatusCode is not HttpStatusCode.MethodNotAllowed && (int)response.StatusCode < 500
                && (response.StatusCode != HttpStatusCode.NotFound || response.Content.Headers.ContentType?.MediaType == "application/problem+json"),
                $"{method} {route} answered {(int)response.StatusCode}");
        }
    }
}
