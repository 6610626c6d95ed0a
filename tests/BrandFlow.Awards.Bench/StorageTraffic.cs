using System.Diagnostics.Metrics;

namespace BrandFlow.Awards.Bench;

/// <summary>Who caused a storage request: the workflow (app and API actions), the driver's observation, or set-up.</summary>
internal enum TrafficScope
{
    /// <summary>The app's own work: API commands, orchestrations, activities, mail (the default).</summary>
    Workflow,

    /// <summary>The driver watching: status polls and mailbox reads through the API (not part of the workflow).</summary>
    Observer,

    /// <summary>Seeding, raw rate probes and other set-up.</summary>
    Setup,
}

/// <summary>
/// Counts every HTTP request any client in this process sends to the Azurite ports, per service and per
/// <see cref="TrafficScope"/>, by listening to .NET's own HttpClient metrics (one measurement per request attempt,
/// retries included). Every Azure SDK client of the app (durable engine's DurableTask.AzureStorage, award stores, mail, policy tables) is
/// therefore counted without a pipeline policy on each; the scope is an async-local set by the driver or by a
/// middleware from a request header.
/// </summary>
internal sealed class StorageTraffic : IDisposable
{
    private static readonly AsyncLocal<TrafficScope?> Current = new();
    private readonly MeterListener listener = new();
    private readonly Dictionary<int, StorageService> services;
    private readonly StorageTransactionCounter[] counters = [new(), new(), new()];
    private long mail;

    /// <summary>Starts listening for requests to the blob, queue and table ports of the benchmark's Azurite.</summary>
    public StorageTraffic(int blobPort, int queuePort, int tablePort)
    {
        this.services = new() { [blobPort] = StorageService.Blob, [queuePort] = StorageService.Queue, [tablePort] = StorageService.Table };
        this.listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        this.listener.SetMeasurementEventCallback<double>(this.OnMeasurement);
        this.listener.Start();
    }

    /// <summary>Marks the current async flow (and what it starts) as caused by <paramref name="scope"/>.</summary>
    public static void Enter(TrafficScope scope) => Current.Value = scope;

    /// <summary>The scope of the current async flow.</summary>
    public static TrafficScope CurrentScope => Current.Value ?? TrafficScope.Workflow;

    /// <summary>Marks the current async flow as mail delivery (counted as workflow, also tallied apart).</summary>
    public static void EnterMail() => MailFlow.Value = true;

    private static readonly AsyncLocal<bool> MailFlow = new();

    /// <summary>Requests so far in a scope.</summary>
    public StorageTransactionSnapshot Snapshot(TrafficScope scope) => this.counters[(int)scope].Snapshot();

    /// <summary>Storage requests made while the local SendGrid endpoint stored mail (part of the workflow count).</summary>
    public long MailRequests => Interlocked.Read(ref this.mail);

    public void Dispose() => this.listener.Dispose();

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        int? port = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "server.port" && tag.Value is int p)
            {
                port = p;
            }
        }

        if (port is not { } known || !this.services.TryGetValue(known, out var service))
        {
            return;
        }

        var scope = Current.Value ?? TrafficScope.Workflow;
        this.counters[(int)scope].Increment(service);
        if (scope == TrafficScope.Workflow && MailFlow.Value)
        {
            Interlocked.Increment(ref this.mail);
        }
    }
}
