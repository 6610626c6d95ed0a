using BrandFlow.Site.Pages.Shared;

namespace BrandFlow.Site.Pages;

/// <summary>What a refusal page shows: the status and, when one, the facade's message ("中文 / English").</summary>
public sealed record RefusalView(int Code, string? Refusal)
{
    /// <summary>Page title.</summary>
    public string TitleText(UiLanguage l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return this.Code switch
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
        return this.Code switch
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
