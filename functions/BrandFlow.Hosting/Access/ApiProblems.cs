using BrandFlow.Awards.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace BrandFlow.Hosting.Access;

/// <summary>
/// Refusals as ProblemDetails in the caller's language (Accept-Language: Chinese unless English comes first): a
/// localized title and detail, the stable <c>code</c>, and <c>errors[{field, message}]</c> like the policy API.
/// </summary>
public static class ApiProblems
{
    /// <summary>"en" when the caller prefers English over Chinese, else "zh".</summary>
    public static string Language(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accepted = request.GetTypedHeaders().AcceptLanguage;
        foreach (var value in accepted.OrderByDescending(v => v.Quality ?? 1.0))
        {
            var tag = value.Value.Value ?? string.Empty;
            if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
            {
                return "zh";
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return "en";
            }
        }

        return "zh";
    }

    /// <summary>The ProblemDetails result of a refusal.</summary>
    public static IResult Result(HttpContext context, AwardsException refusal)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(refusal);
        var english = Language(context.Request) == "en";
        var problem = new ProblemDetails
        {
            Status = refusal.StatusCode,
            Title = Title(refusal.StatusCode, english),
            Detail = english ? refusal.MessageEn : refusal.MessageZh,
            Type = "https://brandflow.example/problems/" + refusal.Code,
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = refusal.Code;
        problem.Extensions["errors"] = refusal.Errors.Select(e => new { field = e.Field, message = english ? e.MessageEn : e.MessageZh }).ToList();
        context.Response.Headers[HeaderNames.ContentLanguage] = english ? "en" : "zh-CN";
        return Results.Json(problem, ApiJson.Options, "application/problem+json", refusal.StatusCode);
    }

    /// <summary>Writes a refusal to the response directly (authentication events, queue-trigger errors).</summary>
    public static Task WriteAsync(HttpContext context, AwardsException refusal) => Result(context, refusal).ExecuteAsync(context);

    private static string Title(int status, bool english) => status switch
    {
        400 => english ? "Invalid request" : "请求无效",
        401 => english ? "Sign-in required" : "需要登录",
        403 => english ? "Forbidden" : "无权访问",
        404 => english ? "Not found" : "未找到",
        409 => english ? "Conflict with the current state" : "与当前状态冲突",
        410 => english ? "Link expired" : "链接已过期",
        415 => english ? "Unsupported media type" : "不支持的请求格式",
        _ => english ? "Error" : "出错了",
    };
}
