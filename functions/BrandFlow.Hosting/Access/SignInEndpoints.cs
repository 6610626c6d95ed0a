using System.Net;
using BrandFlow.Awards.Services;
using Microsoft.AspNetCore.Antiforgery;

namespace BrandFlow.Hosting.Access;

/// <summary>
/// Sign-in by emailed one-time link: request a link (same answer whether or not the account exists), open it (a
/// confirmation page: a GET never signs in, so mail scanners following links do nothing), confirm by POST (the link
/// is used once and the session cookie issued), sign out. The HTML here is a minimal fallback: a Razor page at the same
/// route takes precedence (these endpoints have a late order).
/// </summary>
public static class SignInEndpoints
{
    private const int FallbackOrder = 1000;

    /// <summary>Maps the sign-in form endpoints (HTML fallback of the Razor pages).</summary>
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        // The JSON side of sign-in (request a link, describe it, sign in, sign out, me) is in ApiOperations.
        app.MapGet("/signin", (HttpContext context, string? t, string? returnUrl, AwardsService service, IAntiforgery antiforgery) =>
            Html(Page(context, t, returnUrl, service, antiforgery))).WithOrder(FallbackOrder).DisableAntiforgery();
        app.MapPost("/signin/request", async (HttpContext context, AwardsService service, IAntiforgery antiforgery) =>
        {
            if (!await IsGenuineFormAsync(context, antiforgery))
            {
                return Forged();
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            try
            {
                await service.RequestSignInLinkAsync(form["email"], context.RequestAborted);
                return Html(Layout("登录链接 / Sign-in link", $"<p>{Encode(SentAnswer.MessageZh)}</p><p>{Encode(SentAnswer.MessageEn)}</p>"));
            }
            catch (AwardsException ex)
            {
                return Html(Layout("登录 / Sign in", Message(ex)), ex.StatusCode);
            }
        }).WithOrder(FallbackOrder).DisableAntiforgery();
        app.MapPost("/signin", async (HttpContext context, AwardsService service, IAntiforgery antiforgery) =>
        {
            if (!await IsGenuineFormAsync(context, antiforgery))
            {
                return Forged();
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            try
            {
                var user = await service.CompleteSignInAsync(form["t"], context.RequestAborted);
                await Session.SignInAsync(context, user);
                return Results.Redirect(LocalOnly(form["returnUrl"]), permanent: false, preserveMethod: false);
            }
            catch (AwardsException ex)
            {
                return Html(Layout("登录 / Sign in", Message(ex)), ex.StatusCode);
            }
        }).WithOrder(FallbackOrder).DisableAntiforgery();
        app.MapPost("/signout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await IsGenuineFormAsync(context, antiforgery))
            {
                return Forged();
            }

            await Session.SignOutAsync(context);
            return Results.Redirect("/");
        }).WithOrder(FallbackOrder).DisableAntiforgery();
        return app;
    }

    /// <summary>The same answer whether or not the address has an account.</summary>
    public static readonly SentMessage SentAnswer = new(
        "如果该邮箱已登记，我们已发送登录链接（15 分钟内有效，只能使用一次）。",
        "If the address is registered, a sign-in link has been sent (valid for 15 minutes, usable once).");

    /// <summary>A path inside this site, else "/" (no open redirects).</summary>
    public static string LocalOnly(string? url) =>
        url is { Length: > 1 } u && u[0] == '/' && u[1] != '/' && u[1] != '\\' ? u : "/";

    private static string Page(HttpContext context, string? token, string? returnUrl, AwardsService service, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var hidden = $"<input type=\"hidden\" name=\"{Encode(tokens.FormFieldName)}\" value=\"{Encode(tokens.RequestToken)}\">";
        if (string.IsNullOrWhiteSpace(token))
        {
            return Layout("登录 / Sign in", $"""
                <form method="post" action="/signin/request">{hidden}
                <label>邮箱 / Email <input type="email" name="email" required></label>
                <button type="submit">发送登录链接 / Send sign-in link</button></form>
                """);
        }

        var view = service.DescribeSignInLink(token);
        if (!view.Valid)
        {
            return Layout("登录 / Sign in", $"<p>{Encode(view.MessageZh)}</p><p>{Encode(view.MessageEn)}</p><p><a href=\"/signin\">重新获取 / Request a new link</a></p>");
        }

        return Layout("确认登录 / Confirm sign-in", $"""
            <p>以 <strong>{Encode(view.Email)}</strong> 登录 BrandFlow？ / Sign in to BrandFlow as <strong>{Encode(view.Email)}</strong>?</p>
            <form method="post" action="/signin">{hidden}
            <input type="hidden" name="t" value="{Encode(token)}">
            <input type="hidden" name="returnUrl" value="{Encode(LocalOnly(returnUrl))}">
            <button type="submit">登录 / Sign in</button></form>
            """);
    }

    /// <summary>True when the form carries a valid anti-forgery token (posted from our own page).</summary>
    private static async Task<bool> IsGenuineFormAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType)
        {
            return false;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    private static IResult Forged() => Html(
        Layout("请求无效 / Invalid request", "<p>表单已过期或不是从本站提交的，请返回重试。</p><p>The form expired or was not sent from this site; go back and try again.</p>"),
        StatusCodes.Status400BadRequest);

    private static string Message(AwardsException ex) => $"<p>{Encode(ex.MessageZh)}</p><p>{Encode(ex.MessageEn)}</p><p><a href=\"/signin\">重新获取 / Request a new link</a></p>";

    private static string Layout(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title></head><body><h1>{Encode(title)}</h1>{body}</body></html>";

    private static IResult Html(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", null, status);

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    /// <summary>Body of a link request.</summary>
    public sealed record LinkRequest(string? Email);

    /// <summary>The answer to a link request.</summary>
    public sealed record SentMessage(string MessageZh, string MessageEn);
}
