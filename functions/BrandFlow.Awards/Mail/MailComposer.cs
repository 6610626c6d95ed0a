using System.Net;
using System.Text;
using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Mail;

/// <summary>The kinds of email the workflow sends, each with a Chinese and an English template.</summary>
public enum MailKind
{
    /// <summary>Sign-in link.</summary>
    SignIn,

    /// <summary>A cycle opened: to registered firms of the jurisdiction.</summary>
    CycleOpened,

    /// <summary>Deadline reminder to firms.</summary>
    DeadlineReminder,

    /// <summary>Application received.</summary>
    ApplicationReceived,

    /// <summary>Application waiting for the clerk's check (to clerks).</summary>
    ClerkCheckRequested,

    /// <summary>Defects to correct, with a deadline.</summary>
    CorrectionRequested,

    /// <summary>Application lapsed (no correction by the deadline).</summary>
    ApplicationLapsed,

    /// <summary>Review request with signed decision links (to the reviewer).</summary>
    ReviewRequested,

    /// <summary>Review reminder (to the reviewer).</summary>
    ReviewReminder,

    /// <summary>Review escalated (to the department head).</summary>
    ReviewEscalated,

    /// <summary>More information asked (to the applicant).</summary>
    InformationRequested,

    /// <summary>Review outcome (to the applicant).</summary>
    ReviewOutcome,

    /// <summary>Batch waiting for fiscal approval (to finance).</summary>
    FiscalApprovalRequested,

    /// <summary>Fiscal outcome: granted amount or waitlisted (to the applicant).</summary>
    FiscalOutcome,

    /// <summary>Public notice opened (to applicants on the list).</summary>
    NoticePublished,

    /// <summary>An objection was filed (to the applicant and the reviewer).</summary>
    ObjectionFiled,

    /// <summary>Payment issued (to the applicant).</summary>
    PayoutIssued,

    /// <summary>Payment confirmed by the bank (to the applicant).</summary>
    PaymentConfirmed,

    /// <summary>The bank returned a payment (to the applicant): check the bank details; finance pays again.</summary>
    PaymentFailed,

    /// <summary>Cycle report (to administrators).</summary>
    CycleReport,
}

/// <summary>
/// Renders emails from templates: Chinese first with the English text below it (or English first for accounts that
/// prefer it). Values are HTML-encoded; links are absolute URLs given by the caller.
/// </summary>
/// <remarks>
/// The subject is always "中文 / English". A placeholder {x} takes the value "x.zh" in Chinese text and "x.en" in English
/// text when the caller gives them, else "x", else the other language's value; a placeholder with no value at all throws,
/// so a typo fails at compose time.
/// Values the template does not use are ignored.
/// </remarks>
public static class MailComposer
{
    private const string ButtonStyle =
        "display:inline-block;margin:4px 8px 4px 0;padding:10px 18px;background:#1d4ed8;color:#ffffff;" +
        "text-decoration:none;border-radius:4px;font-weight:bold";

    /// <summary>Composes a message; <paramref name="values"/> fill the template's placeholders, <paramref name="links"/> are labelled buttons.</summary>
    public static OutgoingMail Compose(
        MailKind kind,
        string idempotencyKey,
        string to,
        string language,
        IReadOnlyDictionary<string, string> values,
        IReadOnlyList<(string LabelZh, string LabelEn, Uri Url)>? links = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentNullException.ThrowIfNull(values);
        if (!MailTemplates.ByKind.TryGetValue(kind, out var template))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "没有该类邮件的模板 / No template for this kind of mail");
        }

        links ??= [];
        foreach (var link in links)
        {
            if (link.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"邮件链接必须是绝对的 http(s) 地址 / Mail links must be absolute http(s) URLs: {link.Url}", nameof(links));
            }
        }

        var zh = new Rendering(kind, "zh", template.SubjectZh, template.BodyZh, values);
        var en = new Rendering(kind, "en", template.SubjectEn, template.BodyEn, values);
        var englishFirst = language is not null && (language.Equals("en", StringComparison.OrdinalIgnoreCase) || language.StartsWith("en-", StringComparison.OrdinalIgnoreCase));
        var (first, second) = englishFirst ? (en, zh) : (zh, en);
        var subject = $"{zh.Subject} / {en.Subject}";

        return new OutgoingMail(
            idempotencyKey,
            to.Trim(),
            subject,
            RenderHtml(subject, first, second, links),
            RenderText(first, second, links),
            kind.ToString());
    }

    /// <summary>The placeholder names a kind's templates use (both languages), for callers and tests.</summary>
    public static IReadOnlySet<string> PlaceholdersOf(MailKind kind)
    {
        var template = MailTemplates.ByKind[kind];
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in new[] { template.SubjectZh, template.SubjectEn, template.BodyZh, template.BodyEn })
        {
            names.UnionWith(PlaceholdersIn(kind, text));
        }

        return names;
    }

    /// <summary>The placeholder names in one template text; a malformed brace throws <see cref="FormatException"/>.</summary>
    internal static IEnumerable<string> PlaceholdersIn(MailKind kind, string template) =>
        Parse(kind, template).Where(s => s.IsPlaceholder).Select(s => s.Text);

    private static string RenderHtml(string subject, Rendering first, Rendering second, IReadOnlyList<(string LabelZh, string LabelEn, Uri Url)> links)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(first.HtmlLang).Append("\">\n<head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(subject)).Append("</title></head>\n")
            .Append("<body style=\"font-family:'PingFang SC','Microsoft YaHei',Arial,sans-serif;font-size:15px;line-height:1.6;color:#111827\">\n");
        AppendSection(html, first);
        if (links.Count > 0)
        {
            html.Append("<div class=\"mail-buttons\">\n");
            foreach (var (labelZh, labelEn, url) in links)
            {
                html.Append("<a class=\"mail-button\" href=\"").Append(WebUtility.HtmlEncode(url.AbsoluteUri)).Append("\" style=\"").Append(ButtonStyle).Append("\">")
                    .Append(WebUtility.HtmlEncode($"{labelZh} / {labelEn}")).Append("</a>\n");
            }

            html.Append("</div>\n");
        }

        html.Append("<hr style=\"border:none;border-top:1px solid #d1d5db;margin:20px 0\">\n");
        AppendSection(html, second);
        if (links.Count > 0)
        {
            html.Append("<p class=\"mail-link-list\" style=\"font-size:13px;color:#4b5563\">").Append(WebUtility.HtmlEncode(MailTemplates.LinksHeading));
            foreach (var (labelZh, labelEn, url) in links)
            {
                var href = WebUtility.HtmlEncode(url.AbsoluteUri);
                html.Append("<br>\n").Append(WebUtility.HtmlEncode($"{labelZh} / {labelEn}: "))
                    .Append("<a href=\"").Append(href).Append("\">").Append(href).Append("</a>");
            }

            html.Append("</p>\n");
        }

        html.Append("<p class=\"mail-footer\" style=\"font-size:12px;color:#6b7280\">").Append(WebUtility.HtmlEncode(MailTemplates.FooterZh))
            .Append("<br>\n").Append(WebUtility.HtmlEncode(MailTemplates.FooterEn)).Append("</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendSection(StringBuilder html, Rendering section)
    {
        html.Append("<div class=\"mail-").Append(section.Language).Append("\" lang=\"").Append(section.HtmlLang).Append("\">\n");
        foreach (var paragraph in section.HtmlParagraphs)
        {
            html.Append("<p>").Append(paragraph).Append("</p>\n");
        }

        html.Append("</div>\n");
    }

    private static string RenderText(Rendering first, Rendering second, IReadOnlyList<(string LabelZh, string LabelEn, Uri Url)> links)
    {
        var text = new StringBuilder();
        text.AppendJoin('\n', first.TextParagraphs).Append("\n\n");
        foreach (var (labelZh, labelEn, url) in links)
        {
            text.Append(labelZh).Append(" / ").Append(labelEn).Append(": ").Append(url.AbsoluteUri).Append('\n');
        }

        text.Append(links.Count > 0 ? "\n" : string.Empty).Append("----\n\n");
        text.AppendJoin('\n', second.TextParagraphs).Append("\n\n");
        text.Append(MailTemplates.FooterZh).Append('\n').Append(MailTemplates.FooterEn).Append('\n');
        return text.ToString();
    }

    /// <summary>Splits a template into literal text and placeholder names; a malformed brace throws.</summary>
    private static List<Segment> Parse(MailKind kind, string template)
    {
        var segments = new List<Segment>();
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            var strayClose = template.IndexOf('}', position);
            if (strayClose >= 0 && (open < 0 || strayClose < open))
            {
                throw new FormatException($"邮件模板 {kind} 有多余的 }} / Mail template {kind} has a stray '}}' at {strayClose}");
            }

            if (open < 0)
            {
                segments.Add(new Segment(template[position..], false));
                break;
            }

            var close = template.IndexOf('}', open + 1);
            var name = close < 0 ? string.Empty : template[(open + 1)..close];
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new FormatException($"邮件模板 {kind} 的占位符格式错误 / Mail template {kind} has a malformed placeholder at {open}");
            }

            segments.Add(new Segment(template[position..open], false));
            segments.Add(new Segment(name, true));
            position = close + 1;
        }

        return segments;
    }

    private readonly record struct Segment(string Text, bool IsPlaceholder);

    /// <summary>One language's subject and body with the values filled in, as plain text and as encoded HTML.</summary>
    private sealed class Rendering
    {
        public Rendering(MailKind kind, string language, string subject, string body, IReadOnlyDictionary<string, string> values)
        {
            Language = language;
            HtmlLang = language == "zh" ? "zh-CN" : "en";
            Subject = Fill(kind, language, subject, values, html: false).Replace('\n', ' ');
            foreach (var line in body.Split('\n'))
            {
                TextParagraphs.Add(Fill(kind, language, line, values, html: false));
                HtmlParagraphs.Add(Fill(kind, language, line, values, html: true));
            }
        }

        public string Language { get; }

        public string HtmlLang { get; }

        public string Subject { get; }

        public List<string> TextParagraphs { get; } = [];

        public List<string> HtmlParagraphs { get; } = [];

        private static string Fill(MailKind kind, string language, string template, IReadOnlyDictionary<string, string> values, bool html)
        {
            var result = new StringBuilder();
            foreach (var segment in Parse(kind, template))
            {
                if (!segment.IsPlaceholder)
                {
                    result.Append(html ? WebUtility.HtmlEncode(segment.Text) : segment.Text);
                    continue;
                }

                var other = language == "zh" ? "en" : "zh";
                if (!values.TryGetValue($"{segment.Text}.{language}", out var value) && !values.TryGetValue(segment.Text, out value)
                    && !values.TryGetValue($"{segment.Text}.{other}", out value))
                {
                    throw new ArgumentException(
                        $"邮件模板 {kind} 的占位符 {{{segment.Text}}} 没有取值 / Mail template {kind}: no value for placeholder {{{segment.Text}}}",
                        nameof(values));
                }

                value = value.ReplaceLineEndings("\n");
                result.Append(html ? WebUtility.HtmlEncode(value).Replace("\n", "<br>\n", StringComparison.Ordinal) : value);
            }

            return result.ToString();
        }
    }
}
