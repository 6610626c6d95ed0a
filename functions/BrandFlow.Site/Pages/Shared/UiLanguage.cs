using System.Globalization;

namespace BrandFlow.Site.Pages.Shared;

/// <summary>
/// The language a page is shown in: Chinese by default, English when chosen (?lang=en, kept in a cookie).
/// Every label is written in both languages at its use site: <c>L.T("申报", "Applications")</c>.
/// </summary>
public sealed class UiLanguage
{
    /// <summary>Cookie keeping the chosen language.</summary>
    public const string CookieName = "bf-lang";

    /// <summary>Creates the language for a request (resolved by <see cref="LanguageMiddleware"/>).</summary>
    public UiLanguage(IHttpContextAccessor accessor)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        Code = accessor.HttpContext?.Items[CookieName] as string ?? "zh";
    }

    /// <summary>"zh" or "en".</summary>
    public string Code { get; }

    /// <summary>True when the page is shown in English.</summary>
    public bool English => Code == "en";

    /// <summary>The HTML lang attribute.</summary>
    public string HtmlLang => English ? "en" : "zh-CN";

    /// <summary>The culture numbers and dates are formatted in.</summary>
    public CultureInfo Culture => English ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Picks the text of the page's language.</summary>
    public string T(string zh, string en) => English ? en : zh;

    /// <summary>Picks the text of the page's language from a catalog label.</summary>
    public string T(BrandFlow.Policy.Catalog.Text text) => text is null ? string.Empty : T(text.Zh, text.En);

    /// <summary>Picks the text of the page's language from a bilingual "中文 / English" message.</summary>
    public string Split(string bilingual)
    {
        ArgumentNullException.ThrowIfNull(bilingual);
        var at = bilingual.IndexOf(" / ", StringComparison.Ordinal);
        return at < 0 ? bilingual : English ? bilingual[(at + 3)..] : bilingual[..at];
    }

    /// <summary>An amount in CNY.</summary>
    public string Money(decimal amount) => "¥" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>A legal date (yyyy-MM-dd, as in Chinese documents).</summary>
    public string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>An instant shown in China Standard Time.</summary>
    public string Time(DateTimeOffset instant) =>
        instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + (English ? " CST" : "");
}

/// <summary>Resolves the page language: ?lang=zh|en (remembered in a cookie), else the cookie, else Chinese.</summary>
public sealed class LanguageMiddleware(RequestDelegate next)
{
    private readonly RequestDelegate next = next;

    /// <summary>Handles a request.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var asked = context.Request.Query["lang"].ToString();
        string code;
        if (asked is "zh" or "en")
        {
            code = asked;
            context.Response.Cookies.Append(UiLanguage.CookieName, code, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
        }
        else
        {
            code = context.Request.Cookies[UiLanguage.CookieName] == "en" ? "en" : "zh";
        }

        context.Items[UiLanguage.CookieName] = code;
        return next(context);
    }
}
