using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using DurableTask.Core.History;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BrandFlow.Engine.Local;

/// <summary>
/// Closes the two failures DurableTask.AzureStorage 2.11.2 retries for ever (README, defects 5 and 6), acting on what
/// <see cref="BackendFailureWatch"/> saw it log, and only after checking the data itself:
/// <list type="bullet">
/// <item>a control-queue message it failed to read <see cref="Threshold"/> times and that is indeed not Base64/JSON is
/// moved to the <c>{taskhub}-poison</c> queue (text unchanged) and deleted from the control queue;</item>
/// <item>an instance whose history failed to load <see cref="Threshold"/> times and holds a row without a valid
/// <c>EventType</c> has its history rows copied to <c>{taskhub}Quarantine</c> and removed, and its status row set to
/// Failed with the reason as output; DurableTask.AzureStorage then discards the instance's pending messages (no
/// history, not a start) instead of fetching them again.</item>
/// </list>
/// Each action is logged as an error. Other instances are never touched.
/// </summary>
internal sealed partial class PoisonGuardService(
    BackendFailures failures, IOptions<LocalEngineOptions> options, ILogger<PoisonGuardService> logger) : BackgroundService
{
    /// <summary>Failures of the same message or instance before the guard acts.</summary>
    public const int Threshold = 3;

    /// <summary>Suffix of the poison queue (after the task hub name).</summary>
    public const string PoisonQueueSuffix = "-poison";

    /// <summary>Suffix of the quarantine table (after the task hub name).</summary>
    public const string QuarantineTableSuffix = "Quarantine";

    private static readonly TimeSpan SweepFor = TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.InMemory || !settings.ProcessWork)
        {
            return;
        }

        var queues = settings.CreateQueueServiceClient();
        var tables = settings.CreateTableServiceClient();
        var hub = settings.TaskHubName.ToLowerInvariant();
        await foreach (var failure in failures.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (failure.Count < Threshold)
            {
                continue;
            }

            try
            {
                var handled = failure.Kind == BackendFailureKind.UnreadableMessage
                    ? await this.MoveToPoisonAsync(queues, hub, settings.PartitionCount, failure, stoppingToken).ConfigureAwait(false)
                    : await this.QuarantineAsync(tables, settings.TaskHubName, failure, stoppingToken).ConfigureAwait(false);
                if (handled)
                {
                    failures.Clear(failure.Kind, failure.Key);
                }
            }
            catch (Exception ex) when (ex is RequestFailedException or InvalidOperationException)
            {
                GuardFailed(logger, ex, failure.Kind.ToString(), failure.Key);
            }
        }
    }

    private async Task<bool> MoveToPoisonAsync(QueueServiceClient queues, string hub, int partitions, BackendFailure failure, CancellationToken cancellationToken)
    {
        var controls = Enumerable.Range(0, partitions)
            .Select(i => queues.GetQueueClient(string.Create(CultureInfo.InvariantCulture, $"{hub}-control-{i:00}"))).ToList();
        var deadline = DateTime.UtcNow + SweepFor;
        while (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            foreach (var control in controls)
            {
                // The partition owner polls these queues too: hold what is received for a moment only, and give back at
                // once every message that is not the one reported.
                QueueMessage[] received = (await control.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false)).Value;
                foreach (var message in received)
                {
                    if (message.MessageId != failure.Key)
                    {
                        await control.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    if (IsReadable(message.MessageText))
                    {
                        // Readable after all (the failure was something else): leave it to DurableTask.AzureStorage.
                        await control.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken).ConfigureAwait(false);
                        MessageLeft(logger, message.MessageId, control.Name, failure.Reason);
                        return true;
                    }

                    var poison = queues.GetQueueClient(hub + PoisonQueueSuffix);
                    await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    await poison.SendMessageAsync(message.MessageText, cancellationToken).ConfigureAwait(false);
                    await control.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                    MessageMoved(logger, message.MessageId, control.Name, poison.Name, message.DequeueCount, failure.Reason);
                    return true;
                }
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private async Task<bool> QuarantineAsync(TableServiceClient tables, string hub, BackendFailure failure, CancellationToken cancellationToken)
    {
        var history = tables.GetTableClient(hub + "History");
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {failure.Key}");
        var rows = new List<TableEntity>();
        await foreach (var row in history.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        // The sentinel row (RowKey "sentinel") holds the checkpoint ETag and has no EventType by design.
        var broken = rows.Where(r => r.RowKey != "sentinel").Where(r => r.GetString("EventType") is not { } type || !Enum.TryParse<EventType>(type, ignoreCase: false, out _)).ToList();
        if (broken.Count == 0)
        {
            HistoryLeft(logger, failure.Key, failure.Reason);
            return true;
        }

        var quarantine = tables.GetTableClient(hub + QuarantineTableSuffix);
        await quarantine.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await quarantine.UpsertEntityAsync(new TableEntity(row) { ETag = ETag.All }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        foreach (var row in rows)
        {
            await history.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        var now = DateTimeOffset.UtcNow;
        var reason = $"历史记录无法读取，实例已隔离 / history cannot be loaded, instance quarantined: {failure.Reason} ({broken.Count} unreadable row(s), first {broken[0].RowKey}; rows kept in {quarantine.Name})";
        await tables.GetTableClient(hub + "Instances").UpsertEntityAsync(
            new TableEntity(failure.Key, string.Empty)
            {
                ["RuntimeStatus"] = "Failed",
                ["Output"] = JsonSerializer.Serialize(reason),
                ["CompletedTime"] = now,
                ["LastUpdatedTime"] = now,
            },
            TableUpdateMode.Merge,
            cancellationToken).ConfigureAwait(false);
        InstanceQuarantined(logger, failure.Key, rows.Count, quarantine.Name, failure.Reason);
        return true;
    }

    /// <summary>Base64 of UTF-8 JSON (or of a gzip stream), the only forms DurableTask.AzureStorage writes.</summary>
    internal static bool IsReadable(string text)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes is [0x1f, 0x8b, ..])
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(bytes));
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 7150, Level = LogLevel.Error, Message = "Moved control-queue message {MessageId} from {Queue} to {PoisonQueue} after {DequeueCount} deliveries: DurableTask.AzureStorage cannot read it ({Reason})")]
    private static partial void MessageMoved(ILogger logger, string messageId, string queue, string poisonQueue, long dequeueCount, string reason);

    [LoggerMessage(EventId = 7151, Level = LogLevel.Error, Message = "Instance {InstanceId} failed: its history cannot be loaded ({Reason}); {Rows} history rows moved to {QuarantineTable}, status set to Failed")]
    private static partial void InstanceQuarantined(ILogger logger, string instanceId, int rows, string quarantineTable, string reason);

    [LoggerMessage(EventId = 7152, Level = LogLevel.Warning, Message = "Control-queue message {MessageId} on {Queue} failed ({Reason}) but reads as Base64 JSON: left in place")]
    private static partial void MessageLeft(ILogger logger, string messageId, string queue, string reason);

    [LoggerMessage(EventId = 7153, Level = LogLevel.Warning, Message = "History of instance {InstanceId} failed to load ({Reason}) but every row has a valid EventType: left in place")]
    private static partial void HistoryLeft(ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 7154, Level = LogLevel.Warning, Message = "The poison guard could not deal with {Kind} {Key}; it tries again at the next failure")]
    private static partial void GuardFailed(ILogger logger, Exception exception, string kind, string key);
}
