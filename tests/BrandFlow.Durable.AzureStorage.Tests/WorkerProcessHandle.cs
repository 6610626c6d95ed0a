using System.Diagnostics;

namespace BrandFlow.Durable.AzureStorage.Tests;

/// <summary>
/// A worker running in its own operating-system process (<c>BrandFlow.Durable.Bench worker &lt;hub&gt;</c>), with its
/// own storage clients. Closing its standard input stops it gracefully; it is killed (by its own id) if it hangs.
/// </summary>
internal sealed class WorkerProcessHandle : IAsyncDisposable
{
    private readonly Process process;

    private WorkerProcessHandle(Process process)
    {
        this.process = process;
    }

    /// <summary>The child's process id.</summary>
    public int Id => this.process.Id;

    /// <summary>Starts a worker process on a task hub of the test Azurite.</summary>
    public static WorkerProcessHandle Start(string hub)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BenchAssemblyPath());
        start.ArgumentList.Add("worker");
        start.ArgumentList.Add(hub);
        start.Environment["BRANDFLOW_BENCH_STORAGE"] = AzuriteStorage.ConnectionString;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the worker process.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcessHandle(process);
    }

    public async ValueTask DisposeAsync()
    {
        if (!this.process.HasExited)
        {
            this.process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await this.process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                this.process.Kill(entireProcessTree: true);
            }
        }

        this.process.Dispose();
    }

    /// <summary>The benchmark assembly, built alongside the tests (same configuration) through a project reference.</summary>
    private static string BenchAssemblyPath()
    {
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = baseDirectory.Parent?.Name ?? "Debug";
        var root = baseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "BrandFlow.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("BrandFlow.sln not found above the test directory."),
            "tests", "BrandFlow.Durable.Bench", "bin", configuration, "net10.0", "BrandFlow.Durable.Bench.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The worker process assembly was not built.", path);
    }
}
