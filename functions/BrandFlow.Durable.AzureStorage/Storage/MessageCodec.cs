using System.Text;
using System.Text.Json;
using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.AzureStorage.Storage;

/// <summary>
/// Turns <see cref="TaskMessage"/>s into queue message text and back. Text whose Base64 form would exceed the
/// 64 KiB queue limit is stored in a blob and the queue carries only a reference.
/// </summary>
public sealed class MessageCodec
{
    /// <summary>Largest UTF-8 body kept inline: 64 KiB after Base64 (4/3 growth) leaves 48 KiB, minus headroom.</summary>
    public const int MaxInlineUtf8Bytes = 46 * 1024;

    private readonly PayloadStore payloads;

    /// <summary>Creates a codec that offloads to <paramref name="payloads"/>.</summary>
    public MessageCodec(PayloadStore payloads)
    {
        this.payloads = payloads;
    }

    /// <summary>Serializes a message without offloading (for outbox rows, which have their own limits).</summary>
    public static string Serialize(TaskMessage message) => JsonSerializer.Serialize(message, DurableJson.Options);

    /// <summary>Deserializes a message produced by <see cref="Serialize"/>.</summary>
    public static TaskMessage Deserialize(string json) =>
        JsonSerializer.Deserialize<TaskMessage>(json, DurableJson.Options)
        ?? throw new InvalidDataException("Empty task message.");

    /// <summary>Returns the queue text for a message, uploading its body to a blob when it is too large.</summary>
    public async Task<string> EncodeAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        var json = Serialize(message);
        if (Encoding.UTF8.GetByteCount(json) <= MaxInlineUtf8Bytes)
        {
            return JsonSerializer.Serialize(new QueueEnvelope { Message = message }, DurableJson.Options);
        }

        var blob = await this.payloads.UploadAsync(message.InstanceId, "message", json, cancellationToken);
        var envelope = new QueueEnvelope { MessageId = message.MessageId, InstanceId = message.InstanceId, PayloadBlob = blob };
        return JsonSerializer.Serialize(envelope, DurableJson.Options);
    }

    /// <summary>Reads queue text back into a message, downloading an offloaded body.</summary>
    public async Task<TaskMessage> DecodeAsync(string text, int dequeueCount, CancellationToken cancellationToken)
    {
        var envelope = ParseEnvelope(text);
        var message = envelope.Message;
        if (message is null)
        {
            var blob = envelope.PayloadBlob ?? throw new InvalidDataException("Queue message has neither a body nor a payload reference.");
            message = Deserialize(await this.payloads.DownloadAsync(blob, cancellationToken));
        }

        return message with { DequeueCount = dequeueCount };
    }

    /// <summary>Reads the envelope, or returns null when the text is not one.</summary>
    public static QueueEnvelope? ParseEnvelopeOrNull(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<QueueEnvelope>(text, DurableJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads the envelope only: enough to know the message id and instance without downloading blobs.</summary>
    public static QueueEnvelope ParseEnvelope(string text) =>
        JsonSerializer.Deserialize<QueueEnvelope>(text, DurableJson.Options)
        ?? throw new InvalidDataException("Empty queue message.");
}

/// <summary>What a queue message carries: the message itself, or a reference to a blob holding it.</summary>
public sealed record QueueEnvelope
{
    /// <summary>The message, when kept inline.</summary>
    public TaskMessage? Message { get; init; }

    /// <summary>Message id, when the body is offloaded.</summary>
    public string? MessageId { get; init; }

    /// <summary>Target instance id, when the body is offloaded.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Blob holding the serialized message, when offloaded.</summary>
    public string? PayloadBlob { get; init; }

    /// <summary>Target instance of the message, inline or offloaded.</summary>
    public string? TargetInstanceId => this.Message?.InstanceId ?? this.InstanceId;

    /// <summary>Id of the message, inline or offloaded.</summary>
    public string? Id => this.Message?.MessageId ?? this.MessageId;
}
