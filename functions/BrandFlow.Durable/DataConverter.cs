using System.Text.Json;

namespace BrandFlow.Durable;

/// <summary>Serializes inputs, outputs, event payloads and custom status (mirrors Microsoft.DurableTask.DataConverter).</summary>
public abstract class DataConverter
{
    /// <summary>Serializes a value; null stays null.</summary>
    public abstract string? Serialize(object? value);

    /// <summary>Deserializes a value of the given type; null or empty text gives null.</summary>
    public abstract object? Deserialize(string? data, Type targetType);

    /// <summary>Deserializes a value of type <typeparamref name="T"/>.</summary>
    public virtual T? Deserialize<T>(string? data) => (T?)Deserialize(data, typeof(T));
}

/// <summary>The default converter: System.Text.Json with web defaults (camelCase, case-insensitive reads).</summary>
public sealed class JsonDataConverter : DataConverter
{
    private readonly JsonSerializerOptions options;

    /// <summary>Creates a converter with the given options, or web defaults.</summary>
    public JsonDataConverter(JsonSerializerOptions? options = null)
    {
        this.options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
    }

    /// <summary>A shared default instance.</summary>
    public static JsonDataConverter Default { get; } = new();

    /// <inheritdoc />
    public override string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), options);

    /// <inheritdoc />
    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        return string.IsNullOrEmpty(data) ? null : JsonSerializer.Deserialize(data, targetType, options);
    }
}
