using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using BrandFlow.Awards.Services;

namespace BrandFlow.Hosting.Access;

/// <summary>The JSON contract of the award API: camelCase, enums as camelCase strings, unknown members refused, Chinese as-is.</summary>
public static class ApiJson
{
    /// <summary>Serializer options of the award API.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Reads a JSON body; a missing, non-JSON or malformed body is a bilingual refusal naming the field.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            throw new AwardsException("unsupported-media-type", StatusCodes.Status415UnsupportedMediaType, "请求体须为 JSON（Content-Type: application/json）", "The body must be JSON (Content-Type: application/json)");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted)
                ?? throw AwardsErrors.Invalid("$", "请求体为空", "The request body is empty");
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
            var detail = ex.Message.Split(" Path:", 2)[0];
            throw AwardsErrors.Invalid(field, $"JSON 格式错误或字段类型不符：{detail}", $"Malformed JSON or wrong type: {detail}");
        }
    }

    /// <summary>A JSON result with the API's options.</summary>
    public static IResult Result<T>(T value, int status = StatusCodes.Status200OK) => Results.Json(value, Options, statusCode: status);
}
