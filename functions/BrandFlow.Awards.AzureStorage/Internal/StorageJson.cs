using System.Text.Json;
using System.Text.Json.Serialization;

namespace BrandFlow.Awards.AzureStorage.Internal;

/// <summary>JSON of stored records: web defaults (camelCase, DateOnly as yyyy-MM-dd), enums by name.</summary>
internal static class StorageJson
{
    /// <summary>The options every store uses.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialises a record.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserialises a record; a null document is a storage corruption.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"Stored JSON for {typeof(T).Name} is null.");
}
