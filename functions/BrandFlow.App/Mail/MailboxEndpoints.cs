using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Model;
using BrandFlow.Hosting;
using BrandFlow.Hosting.Mail;

namespace BrandFlow.App.Mail;

/// <summary>
/// The development mailbox over the local endpoint's messages: an HTML list (newest first, ?to= filter), one message with
/// its HTML body and every link, and JSON for tests. Pages are plain HTML from minimal APIs, Chinese first.
/// </summary>
internal static partial class MailboxEndpoints
{
    /// <summary>Base path of the mailbox.</summary>
    public const string Base = "/dev/mailbox";

    /// <summary>Maps the pages and the JSON API.</summary>
    public static void Map(WebApplication app)
    {
        var group = app.MapGroup(Base).ExcludeFromDescription();
        group.MapGet("/", ListPageAsync);
        group.MapGet("/{id}", MessagePageAsync);
        group.MapGet("/api/messages", ListJsonAsync);
        group.MapGet("/api/messages/{id}", MessageJsonAsync);
    }

    private static async Task<IResult> ListJsonAsync(HttpContext context, string? to, CancellationToken cancellationToken) =>
        Store(context) is { } store
            ? Results.Ok(await store.ListAsync(to, cancellationToken: cancellationToken).ConfigureAwait(false))
            : NoStorage();

    private static async Task<IResult> MessageJsonAsync(HttpContext context, string id, CancellationToken cancellationToken)
    {
        if (Store(context) is not { } store)
        {
            return NoStorage();
        }

        return await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } mail ? Results.Ok(mail) : NotFound();
    }

    private static async Task<IResult> ListPageAsync(HttpContext context, string? to, CancellationToken cancellationToken)
    {
        if (Store(context) is not { } store)
        {
            return NoStorage();
        }

        var messages = await store.ListAsync(to, cancellationToken: cancellationToken).ConfigureAwait(false);
        var body = new StringBuilder();
        body.Append("<h1>开发邮箱 <small>Development mailbox</small></h1>\n")
            .Append("<p>本地 SendGrid 兼容端点收到的邮件，最新的在前。 / Messages the local SendGrid-compatible endpoint received, newest first.</p>\n")
            .Append("<form method=\"get\" action=\"").Append(Base).Append("\"><label>收件人 / To <input type=\"email\" name=\"to\" value=\"")
            .Append(Encode(to)).Append("\"></label> <button type=\"submit\">筛选 / Filter</button> <a href=\"").Append(Base).Append("\">全部 / All</a></form>\n");
        if (messages.Count == 0)
        {
            body.Append("<p class=\"empty\">暂无邮件。 / No messages.</p>\n");
        }
        else
        {
            body.Append("<table class=\"messages\">\n<thead><tr><th>收到时间（北京时间） / Received (CST)</th><th>收件人 / To</th><th>主题 / Subject</th><th>类别 / Category</th></tr></thead>\n<tbody>\n");
            foreach (var mail in messages)
            {
                body.Append("<tr><td>").Append(Encode(ChinaTimeText(mail.ReceivedAt))).Append("</td><td>").Append(Encode(mail.To))
                    .Append("</td><td><a href=\"").Append(Base).Append('/').Append(Encode(mail.MessageId)).Append("\">").Append(Encode(mail.Subject))
                    .Append("</a></td><td>").Append(Encode(string.Join(", ", mail.Categories))).Append("</td></tr>\n");
            }

            body.Append("</tbody>\n</table>\n");
        }

        return Page("开发邮箱 / Development mailbox", body.ToString());
    }

    private static async Task<IResult> MessagePageAsync(HttpContext context, string id, CancellationToken cancellationToken)
    {
        if (Store(context) is not { } store)
        {
            return NoStorage();
        }

        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } mail)
        {
            return Page("未找到邮件 / Message not found", $"<h1>未找到邮件 <small>Message not found</small></h1>\n<p><a href=\"{Base}\">返回邮箱 / Back to the mailbox</a></p>\n", 404);
        }

        var body = new StringBuilder();
        body.Append("<p><a href=\"").Append(Base).Append("\">返回邮箱 / Back to the mailbox</a></p>\n")
            .Append("<h1 class=\"subject\">").Append(Encode(mail.Subject)).Append("</h1>\n<dl class=\"headers\">\n")
            .Append("<dt>发件人 / From</dt><dd class=\"from\">").Append(Encode(mail.From)).Append("</dd>\n")
            .Append("<dt>收件人 / To</dt><dd class=\"to\">").Append(Encode(mail.To)).Append("</dd>\n")
            .Append("<dt>收到时间（北京时间） / Received (CST)</dt><dd>").Append(Encode(ChinaTimeText(mail.ReceivedAt))).Append("</dd>\n")
            .Append("<dt>类别 / Categories</dt><dd>").Append(Encode(string.Join(", ", mail.Categories))).Append("</dd>\n");
        foreach (var (name, value) in mail.CustomArgs ?? new Dictionary<string, string>())
        {
            body.Append("<dt>").Append(Encode(name)).Append("</dt><dd class=\"custom-arg\">").Append(Encode(value)).Append("</dd>\n");
        }

        body.Append("</dl>\n<h2>邮件中的链接 / Links in the message</h2>\n");
        var links = LinksOf(mail);
        if (links.Count == 0)
        {
            body.Append("<p>无链接。 / No links.</p>\n");
        }
        else
        {
            body.Append("<ul class=\"links\">\n");
            foreach (var (label, url) in links)
            {
                body.Append("<li><a href=\"").Append(Encode(url)).Append("\">").Append(Encode(label.Length > 0 ? label : url))
                    .Append("</a> <code>").Append(Encode(url)).Append("</code></li>\n");
            }

            body.Append("</ul>\n");
        }

        if (mail.HtmlBody.Length > 0)
        {
            // The message's own HTML in a sandboxed frame (no scripts); links open in the whole window.
            var document = "<base target=\"_top\">" + mail.HtmlBody;
            body.Append("<h2>HTML 正文 / HTML body</h2>\n<iframe class=\"html-body\" title=\"HTML 正文 / HTML body\" sandbox=\"allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation\" style=\"width:100%;height:480px;border:1px solid #d1d5db\" srcdoc=\"")
                .Append(Encode(document)).Append("\"></iframe>\n");
        }

        body.Append("<h2>纯文本正文 / Plain-text body</h2>\n<pre class=\"text-body\">").Append(Encode(mail.TextBody)).Append("</pre>\n");
        return Page($"{mail.Subject} - 开发邮箱 / Development mailbox", body.ToString());
    }

    /// <summary>The links of a message: anchors of its HTML body (with their text), else the URLs of its plain text.</summary>
    internal static List<(string Label, string Url)> LinksOf(StoredMail mail)
    {
        var links = new List<(string Label, string Url)>();
        foreach (Match anchor in AnchorPattern().Matches(mail.HtmlBody))
        {
            var url = WebUtility.HtmlDecode(anchor.Groups["href"].Value);
            var label = WebUtility.HtmlDecode(TagPattern().Replace(anchor.Groups["text"].Value, string.Empty)).Trim();
            if (!links.Exists(l => l.Url == url))
            {
                links.Add((label, url));
            }
        }

        foreach (Match url in UrlPattern().Matches(mail.TextBody))
        {
            if (!links.Exists(l => l.Url == url.Value))
            {
                links.Add((string.Empty, url.Value));
            }
        }

        return links;
    }

    private static MailboxStore? Store(HttpContext context) => context.RequestServices.GetService<MailboxStore>();

    private static IResult NoStorage() => Results.Problem(
        title: "开发邮箱需要配置存储 / The development mailbox needs storage",
        detail: "请设置 BrandFlowStorage。 / Set BrandFlowStorage.",
        statusCode: 503);

    private static IResult NotFound() => Results.Problem(title: "未找到邮件 / Message not found", statusCode: 404);

    private static string ChinaTimeText(DateTimeOffset instant) =>
        instant.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    private static IResult Page(string title, string body, int status = 200) => Results.Content(
        $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}}</title>
        <style>
        body { font-family: 'PingFang SC', 'Microsoft YaHei', Arial, sans-serif; margin: 24px; color: #111827; }
        table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #e5e7eb; padding: 6px 8px; text-align: left; }
        small { color: #6b7280; font-weight: normal; } dt { font-weight: bold; } dd { margin: 0 0 6px 0; }
        pre { white-space: pre-wrap; background: #f9fafb; padding: 12px; border: 1px solid #e5e7eb; }
        </style>
        </head>
        <body>
        {{body}}</body>
        </html>
        """,
        "text/html; charset=utf-8",
        Encoding.UTF8,
        status);

    [GeneratedRegex("<a\\b[^>]*\\bhref=\"(?<href>[^\"]*)\"[^>]*>(?<text>.*?)</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AnchorPattern();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("https?://[^\\s<>\"]+")]
    private static partial Regex UrlPattern();
}
