namespace BrandFlow.Hosting;

/// <summary>
/// Configuration section "BrandFlow" (environment: BrandFlow__PublicBaseUrl, BrandFlow__Links__SigningKey, ...), bound
/// once from the host's final configuration and validated when the host starts (<see cref="BrandFlowOptionsValidation"/>).
/// The storage account is the connection <see cref="StorageConnection.Name"/>, outside this section, because the Durable
/// extension reads the same one.
/// </summary>
public sealed class BrandFlowOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "BrandFlow";

    /// <summary>Folder of the reviewed catalog files; defaults to the repository's policies/ folder.</summary>
    public string? PoliciesPath { get; set; }

    /// <summary>Table holding the policy catalog.</summary>
    public string PolicyTable { get; set; } = "BrandFlowPolicies";

    /// <summary>Base URL of the site as people reach it: links in emails start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Prefix of the award tables and containers (lower-case letters and digits).</summary>
    public string StoragePrefix { get; set; } = "bf";

    /// <summary>Durable task hub name (prefix of the workflow's tables, queues and container).</summary>
    public string TaskHub { get; set; } = "brandflow";

    /// <summary>Signed email links.</summary>
    public LinkOptions Links { get; set; } = new();

    /// <summary>The in-process durable worker.</summary>
    public WorkerOptions Worker { get; set; } = new();

    /// <summary>Settings of signed links.</summary>
    public sealed class LinkOptions
    {
        /// <summary>HMAC key of signed links: base64 of at least 32 bytes (Key Vault reference in Azure).</summary>
        public string? SigningKey { get; set; }
    }

    /// <summary>Settings of the in-process Durable Task worker (the local engine, see BrandFlow.Engine.Local).</summary>
    public sealed class WorkerOptions
    {
        /// <summary>
        /// Process orchestrations and activities in this app (local runs and tests). False makes the app a client only:
        /// it starts and signals instances that another process runs (the command-line verbs run this way).
        /// </summary>
        public bool Enabled { get; set; } = true;

        /// <summary>
        /// Longest pause between polls of an empty durable queue, in milliseconds (at least 100). A busy queue is polled
        /// at once; this bounds the delay of the first message after a quiet spell. With one partition, 5 s keeps an idle
        /// host at about 38 storage requests a minute (tests/BrandFlow.Engine.Bench/results.md, "tuned"); 1 s cost 327.
        /// </summary>
        public int MaxPollingMilliseconds { get; set; } = 5000;

        /// <summary>
        /// Control queues (partitions) of the task hub, 1–16, the same on every process of a hub; fixed when the task hub
        /// is first created. One is enough for one local process; more let several processes share orchestrations.
        /// </summary>
        public int PartitionCount { get; set; } = 1;

        /// <summary>
        /// Name of this process in the task hub's partition leases (default: machine name and process id). A host restarted
        /// under the name it had resumes its partitions at once instead of waiting for its old leases to expire.
        /// </summary>
        public string? Id { get; set; }

        /// <summary>
        /// Seconds a fetched control-queue message stays invisible (0 = the engine's 5 minutes): after a crash, the time
        /// until another process sees the orchestration messages the dead one held.
        /// </summary>
        public int ControlQueueVisibilitySeconds { get; set; }

        /// <summary>
        /// Seconds a fetched activity message stays invisible (0 = the engine's 5 minutes; renewed while the activity runs):
        /// after a crash, the time until the activities the dead process ran are delivered again.
        /// </summary>
        public int WorkItemVisibilitySeconds { get; set; }
    }

    /// <summary>Where the keys that protect session cookies and forms are kept.</summary>
    public DataProtectionOptions DataProtection { get; set; } = new();

    /// <summary>Settings of the ASP.NET data-protection key ring (section "BrandFlow:DataProtection").</summary>
    public sealed class DataProtectionOptions
    {
        /// <summary>
        /// Base64 of 32 random bytes that encrypt the key ring at rest (a Key Vault reference in Azure). Set, the key ring
        /// is kept in Blob Storage (container <see cref="Container"/>), shared by every instance and kept across restarts;
        /// required in Azure. Empty (local host only), ASP.NET keeps its default per-machine key ring.
        /// </summary>
        public string? KeyEncryptionKey { get; set; }

        /// <summary>Blob container of the key ring.</summary>
        public string Container { get; set; } = "brandflow-dataprotection";
    }

    /// <summary>Maintenance the Azure Functions app runs on timers.</summary>
    public MaintenanceOptions Maintenance { get; set; } = new();

    /// <summary>Settings of the maintenance timers (section "BrandFlow:Maintenance").</summary>
    public sealed class MaintenanceOptions
    {
        /// <summary>
        /// Days a finished workflow instance's durable history is kept after it was created (completed, failed or
        /// terminated instances only; 1–3650). The award records, audit trail and ledger are kept apart and never purged.
        /// </summary>
        public int WorkflowHistoryDays { get; set; } = 400;
    }

    /// <summary>Resolves the catalog folder: configured, else policies/ next to the app or above it.</summary>
    public string ResolvePoliciesPath()
    {
        if (!string.IsNullOrWhiteSpace(PoliciesPath))
        {
            return PoliciesPath;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "policies");
                if (File.Exists(Path.Combine(candidate, "vocabulary.yaml")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("policies/ folder not found; set BrandFlow__PoliciesPath");
    }
}
