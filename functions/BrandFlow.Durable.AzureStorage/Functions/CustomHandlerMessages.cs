using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BrandFlow.Durable.AzureStorage.Functions;

/// <summary>
/// The queue-trigger invocation the Azure Functions host POSTs to a custom handler:
/// <c>{"Data": {"&lt;binding&gt;": "&lt;message text&gt;"}, "Metadata": {"DequeueCount": 1, "Id": "...", ...}}</c>.
/// </summary>
/// <param name="MessageText">The queue message text (the host has already decoded Base64).</param>
/// <param name="QueueMessageId">Queue-assigned message id from the metadata.</param>
/// <param name="DequeueCount">Deliveries so far, including this one.</param>
public sealed record QueueTriggerInvocation(string MessageText, string QueueMessageId, int DequeueCount)
{
    /// <summary>Parses the host's request body; <paramref name="bindingName"/> null takes the only entry of Data.</summary>
    public static QueueTriggerInvocation Parse(string requestJson, string? bindingName = null)
    {
        using var document = JsonDocument.Parse(requestJson);
        var root = document.RootElement;
        if (!root.TryGetProperty("Data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The custom handler request has no Data object.");
        }

        JsonElement value = default;
        var found = false;
        foreach (var property in data.EnumerateObject())
        {
            if (bindingName is null || string.Equals(property.Name, bindingName, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                found = true;
                break;
            }
        }

        if (!found)
        {
            throw new FormatException($"The custom handler request has no Data entry '{bindingName}'.");
        }

        // The host passes the message as a JSON string; tolerate an already-parsed JSON object too.
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        var metadata = root.TryGetProperty("Metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        return new QueueTriggerInvocation(text, ReadString(metadata, "Id") ?? string.Empty, ReadInt(metadata, "DequeueCount") ?? 1);
    }

    private static string? ReadString(JsonElement metadata, string name) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(name, out var v)
            ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())
            : null;

    private static int? ReadInt(JsonElement metadata, string name)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number => v.GetInt32(),
            JsonValueKind.String when int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }
}

/// <summary>
/// The custom handler's answer: <c>{"Outputs": {}, "Logs": [...], "ReturnValue": null}</c>, sent with
/// <see cref="StatusCode"/>. A non-2xx status makes the host retry the message and, after its maxDequeueCount,
/// move it to the poison queue.
/// </summary>
public sealed record CustomHandlerResponse
{
    /// <summary>HTTP status the web layer must answer with.</summary>
    [JsonIgnore]
    public int StatusCode { get; init; } = 200;

    /// <summary>Output binding values (none: the runtime sends its own messages).</summary>
    public Dictionary<string, object?> Outputs { get; init; } = [];

    /// <summary>Log lines the host records with the invocation.</summary>
    public List<string> Logs { get; init; } = [];

    /// <summary>Return value binding (unused).</summary>
    public object? ReturnValue { get; init; }

    /// <summary>Whether the host should treat the invocation as successful.</summary>
    [JsonIgnore]
    public bool Succeeded => this.StatusCode is >= 200 and < 300;

    /// <summary>A successful response with one log line.</summary>
    public static CustomHandlerResponse Success(string log) => new() { Logs = [log] };

    /// <summary>A failed response (HTTP 500) with one log line.</summary>
    public static CustomHandlerResponse Failure(string log) => new() { StatusCode = 500, Logs = [log] };
}
