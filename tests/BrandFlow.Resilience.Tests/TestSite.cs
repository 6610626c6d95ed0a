using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using BrandFlow.Cli;
using BrandFlow.Hosting;
using BrandFlow.Awards.AzureStorage;

namespace BrandFlow.Resilience.Tests;

/// <summary>
/// One test's BrandFlow installation on the shared Azurite: its own task hub, award-table prefix, catalog table, mail
/// tables and mailbox container, one link signing key; the catalog loaded and the demo people (administrator, clerk,
/// reviewers, finance) seeded by the app's own `load-policies` and `seed-demo` code. Hosts are started as child processes.
/// </summary>
internal sealed class TestSite : IAsyncDisposable
{
    /// <summary>The real app.</summary>
    public const string AppDll = "BrandFlow.App.dll";

    /// <summary>The real app with the public notice shortened to a few seconds (tests/BrandFlow.Resilience.Host).</summary>
    public const string ShortNoticeDll = "BrandFlow.Resilience.Host.dll";

    private readonly List<AppProcess> processes = [];
    private readonly string signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private TestSite(string id)
    {
        this.Id = id;
        this.TaskHub = "rh" + id;
        this.Prefix = "r" + id;
    }

    /// <summary>Letters and digits unique to the test.</summary>
    public string Id { get; }

    /// <summary>The task hub.</summary>
    public string TaskHub { get; }

    /// <summary>The award tables' prefix.</summary>
    public string Prefix { get; }

    /// <summary>Names of the award tables.</summary>
    public AwardsStorageOptions Stores => new() { Prefix = this.Prefix };

    /// <summary>The mailbox container of the local SendGrid endpoint.</summary>
    public string MailboxContainer => "mbox" + this.Id;

    /// <summary>Tables of the account.</summary>
    public TableServiceClient Tables { get; } = new(Azurite.ConnectionString);

    /// <summary>Queues of the account.</summary>
    public QueueServiceClient Queues { get; } = new(Azurite.ConnectionString);

    /// <summary>Blobs of the account.</summary>
    public BlobServiceClient Blobs { get; } = new(Azurite.ConnectionString);

    /// <summary>Seconds a crashed host's control and activity messages stay invisible in these tests.</summary>
    public int VisibilitySeconds { get; init; } = 10;

    /// <summary>Creates the names, loads the catalog and seeds the demo people.</summary>
    public static async Task<TestSite> CreateAsync()
    {
        var site = new TestSite(Guid.NewGuid().ToString("N")[..10]);
        // The command line's own code, in-process, with the hosts' settings.
        var settings = site.Settings(baseUrl: "http://127.0.0.1:1").SelectMany(s => new[] { "--set", $"{s.Key}={s.Value}" }).ToArray();
        Assert.Equal(0, await CliProgram.RunAsync(["load-policies", .. settings], TextReader.Null, TextWriter.Null, Console.Error));
        Assert.Equal(0, await CliProgram.RunAsync(["seed-demo", .. settings], TextReader.Null, TextWriter.Null, Console.Error));
        return site;
    }

    private string PolicyTable => "rpolicies" + this.Id;

    /// <summary>Starts a host (worker name <paramref name="name"/>; a restart under the same name resumes its partitions).</summary>
    public async Task<AppProcess> StartAsync(string name, string dll = AppDll, int? port = null)
    {
        var actualPort = port ?? AppProcess.FreePort();
        var environment = this.Settings($"http://127.0.0.1:{actualPort}");
        environment["BrandFlow__Worker__Id"] = $"{name}-{this.Id}";
        var process = await AppProcess.StartAsync(dll, actualPort, name, environment);
        this.processes.Add(process);
        return process;
    }

    /// <summary>Control queues of the task hub (default partition count 4).</summary>
    public IReadOnlyList<QueueClient> ControlQueues =>
        Enumerable.Range(0, 4).Select(i => this.Queues.GetQueueClient(string.Create(CultureInfo.InvariantCulture, $"{this.TaskHub}-control-{i:00}"))).ToList();

    /// <summary>The task hub's History table.</summary>
    public TableClient History => this.Tables.GetTableClient(this.TaskHub + "History");

    /// <summary>The task hub's Instances table.</summary>
    public TableClient Instances => this.Tables.GetTableClient(this.TaskHub + "Instances");

    public async ValueTask DisposeAsync()
    {
        foreach (var process in this.processes)
        {
            await process.DisposeAsync();
        }
    }

    private Dictionary<string, string> Settings(string baseUrl) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["BrandFlowStorage"] = Azurite.ConnectionString,
        ["BrandFlow__PoliciesPath"] = Repository.Policies,
        ["BrandFlow__PolicyTable"] = this.PolicyTable,
        ["BrandFlow__TaskHub"] = this.TaskHub,
        ["BrandFlow__StoragePrefix"] = this.Prefix,
        ["BrandFlow__PublicBaseUrl"] = baseUrl,
        ["BrandFlow__Links__SigningKey"] = this.signingKey,
        ["BrandFlow__Worker__MaxPollingMilliseconds"] = "250",
        // Four control queues, so that two hosts on the hub each own orchestrations (the app's default is one).
        ["BrandFlow__Worker__PartitionCount"] = "4",
        ["BrandFlow__Worker__ControlQueueVisibilitySeconds"] = this.VisibilitySeconds.ToString(CultureInfo.InvariantCulture),
        ["BrandFlow__Worker__WorkItemVisibilitySeconds"] = this.VisibilitySeconds.ToString(CultureInfo.InvariantCulture),
        ["BrandFlow__Mail__LocalEndpoint"] = "true",
        ["BrandFlow__Mail__Host"] = baseUrl,
        ["BrandFlow__Mail__ApiKey"] = "SG.resilience-test",
        ["BrandFlow__Mail__MailboxContainer"] = this.MailboxContainer,
        ["BrandFlow__Mail__SentTable"] = "rmailsent" + this.Id,
        ["BrandFlow__Mail__FailureTable"] = "rmailfail" + this.Id,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__DurableTask"] = "Warning",
        ["Logging__LogLevel__BrandFlow"] = "Information",
    };
}
