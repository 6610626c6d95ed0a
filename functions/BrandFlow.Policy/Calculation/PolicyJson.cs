using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace BrandFlow.Policy.Calculation;

/// <summary>The one JSON contract of the calculator, shared by the HTTP API, the CLI and the tests.</summary>
public static class PolicyJson
{
    /// <summary>camelCase, unknown members rejected, Chinese written as-is.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Parses a request; malformed JSON becomes an <see cref="EvaluationInputException"/> naming the field.</summary>
    public static EvaluationRequest ParseRequest(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<EvaluationRequest>(json, Options)
                ?? throw new EvaluationInputException([new("$", "请求体为空 / the request body is empty")]);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
            var detail = ex.Message.Split(" Path:", 2)[0];
            throw new EvaluationInputException([new(field, $"JSON 格式错误或字段类型不符 / malformed JSON or wrong type: {detail}")]);
        }
    }

    /// <summary>Serializes a result.</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);
}
