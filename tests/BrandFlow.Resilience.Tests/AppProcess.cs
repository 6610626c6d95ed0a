using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BrandFlow.Resilience.Tests;

/// <summary>
/// One BrandFlow host as a child process (`dotnet &lt;dll&gt; serve` from this test's output folder) on its own loopback
/// port, configured through the environment. <see cref="Kill"/> is SIGKILL: no shutdown code runs.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> output = new();
    private readonly Process process;

    private AppProcess(Process process, Uri address, string name)
    {
        this.process = process;
        this.Address = address;
        this.Name = name;
    }

    /// <summary>Where it listens.</summary>
    public Uri Address { get; }

    /// <summary>A name for messages (worker id).</summary>
    public string Name { get; }

    /// <summary>The last lines it wrote (stdout and stderr).</summary>
    public string Output => string.Join('\n', this.output.TakeLast(200));

    /// <summary>Every line it wrote so far.</summary>
    public IReadOnlyList<string> Lines => [.. this.output];

    /// <summary>Starts the dll (file name in this test's output folder) on the port with the environment given, and waits for /health.</summary>
    public static async Task<AppProcess> StartAsync(string dll, int port, string name, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        var app = new AppProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"), name);
        app.process.OutputDataReceived += (_, e) => app.output.Enqueue(e.Data ?? string.Empty);
        app.process.ErrorDataReceived += (_, e) => app.output.Enqueue(e.Data ?? string.Empty);
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        await app.WaitUntilHealthyAsync();
        return app;
    }

    /// <summary>SIGKILL, then waits for the exit.</summary>
    public async Task KillAsync()
    {
        if (!this.process.HasExited)
        {
            this.process.Kill();
        }

        await this.process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await this.KillAsync();
        this.process.Dispose();
    }

    /// <summary>A free loopback port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = this.Address, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(this.process.HasExited, $"{this.Name} exited early:\n{this.Output}");
            try
            {
                if ((await client.GetAsync("health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{this.Name} did not answer /health within 90 s:\n{this.Output}");
    }
}
