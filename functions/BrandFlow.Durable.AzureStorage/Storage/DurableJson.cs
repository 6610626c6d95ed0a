using System.Text.Json;
using System.Text.Json.Serialization;

namespace BrandFlow.Durable.AzureStorage.Storage;

/// <summary>The JSON settings used for every document this backend stores or sends.</summary>
internal static class DurableJson
{
    /// <summary>Shared serializer options: enums as strings, nulls omitted.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        AllowOutOfOrderMetadataProperties = true,
    };
}
