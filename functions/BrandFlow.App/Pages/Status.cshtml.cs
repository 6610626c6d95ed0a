using BrandFlow.App.Pages.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandFlow.App.Pages;

/// <summary>The page shown for an error status (403, 404, ...) of a page request.</summary>
public sealed class StatusModel : PageModel
{
    /// <summary>The status code shown.</summary>
    public int Code { get; private set; }

    /// <summary>The facade's refusal message that led here ("中文 / English"), when one.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Shows the page, keeping the original status code.</summary>
    public void OnGet(int code)
    {
        Code = code;
        Refusal = HttpContext.Items[Shared.PageErrorFilter.MessageKey] as string;
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            // Opened directly (not re-executed): answer with the status it describes, so nothing looks like success.
            Response.StatusCode = code is >= 400 and < 600 ? code : 404;
        }
    }

    /// <summary>Page title.</summary>
    public string TitleText(UiLanguage l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return Code switch
        {
            400 => l.T("请求无效", "Invalid request"),
            401 => l.T("请先登录", "Please sign in"),
            409 => l.T("无法执行", "Not possible now"),
            410 => l.T("已失效", "No longer valid"),
            403 => l.T("无权访问", "Access denied"),
            404 => l.T("找不到页面", "Page not found"),
            _ => l.T("出错了", "Something went wrong"),
        };
    }

    /// <summary>Explanation.</summary>
    public string MessageText(UiLanguage l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return Code switch
        {
            400 => l.T("请求不完整或格式不正确。", "The request is incomplete or malformed."),
            401 => l.T("此页面需要登录。", "This page needs you to sign in."),
            409 => l.T("当前状态下不能执行此操作。", "This cannot be done in the current state."),
            410 => l.T("此链接或内容已失效。", "This link or item is no longer valid."),
            403 => l.T("您无权查看此内容：只能查看本单位的申报，或您的角色所负责的事项。",
                       "You may not see this: applicants see only their own firm's applications, staff only what their role covers."),
            404 => l.T("您要找的内容不存在，或您无权查看。", "What you asked for does not exist, or you may not see it."),
            _ => l.T("请求未能完成，请稍后再试。", "The request could not be completed; please try again later."),
        };
    }
}
