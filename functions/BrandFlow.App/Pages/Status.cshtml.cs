using BrandFlow.App.Pages.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandFlow.App.Pages;

/// <summary>The page shown for an error status (403, 404, ...) of a page request.</summary>
public sealed class StatusModel : PageModel
{
    /// <summary>The status code shown.</summary>
    public int Code { get; private set; }

    /// <summary>Shows the page, keeping the original status code.</summary>
    public void OnGet(int code)
    {
        Code = code;
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
            401 => l.T("请先登录", "Please sign in"),
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
            401 => l.T("此页面需要登录。", "This page needs you to sign in."),
            403 => l.T("您无权查看此内容：只能查看本单位的申报，或您的角色所负责的事项。",
                       "You may not see this: applicants see only their own firm's applications, staff only what their role covers."),
            404 => l.T("您要找的内容不存在或已被删除。", "What you asked for does not exist."),
            _ => l.T("请求未能完成，请稍后再试。", "The request could not be completed; please try again later."),
        };
    }
}
