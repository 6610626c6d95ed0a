using System.Text.RegularExpressions;
using BrandFlow.Awards.Mail;

namespace BrandFlow.Awards.Tests.Mail;

public partial class MailComposerTests
{
    private static readonly (string LabelZh, string LabelEn, Uri Url)[] DecisionLinks =
    [
        ("批准", "Approve", new Uri("https://brandflow.example/review/confirm?token=abc.def&action=approve")),
        ("退回", "Reject", new Uri("https://brandflow.example/review/confirm?token=abc.def&action=reject")),
    ];

    public static TheoryData<MailKind, string> EveryKindInBothLanguages()
    {
        var data = new TheoryData<MailKind, string>();
        foreach (var kind in Enum.GetValues<MailKind>())
        {
            data.Add(kind, "zh");
            data.Add(kind, "en");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKindInBothLanguages))]
    public void Compose_EveryKind_FillsEveryPlaceholderInBothLanguages(MailKind kind, string language)
    {
        var values = MarkedValues(kind);

        var mail = MailComposer.Compose(kind, "key-1", " someone@example.com ", language, values, DecisionLinks);

        Assert.Equal("key-1", mail.IdempotencyKey);
        Assert.Equal("someone@example.com", mail.To);
        Assert.Equal(kind.ToString(), mail.Category);
        var subjectParts = mail.Subject.Split(" / ");
        Assert.Equal(2, subjectParts.Length);
        Assert.Matches(HanPattern(), subjectParts[0]);
        Assert.DoesNotMatch(HanPattern(), subjectParts[1]);
        foreach (var body in new[] { mail.Subject, mail.TextBody, mail.HtmlBody })
        {
            Assert.DoesNotMatch(PlaceholderPattern(), body);
        }

        foreach (var value in values.Values)
        {
            Assert.Contains(value, mail.TextBody, StringComparison.Ordinal);
            Assert.Contains(value, mail.HtmlBody, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("zh", true)]
    [InlineData("en", false)]
    [InlineData("en-GB", false)]
    [InlineData("fr", true)]
    public void Compose_Language_PutsPreferredLanguageFirstInBothBodies(string language, bool chineseFirst)
    {
        var mail = MailComposer.Compose(MailKind.SignIn, "k", "a@example.com", language, MarkedValues(MailKind.SignIn), DecisionLinks);

        foreach (var body in new[] { mail.TextBody, mail.HtmlBody })
        {
            var chinese = body.IndexOf("您好", StringComparison.Ordinal);
            var english = body.IndexOf("Hello", StringComparison.Ordinal);
            Assert.True(chinese >= 0 && english >= 0);
            Assert.Equal(chineseFirst, chinese < english);
        }

        Assert.StartsWith("BrandFlow 登录链接 / ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(chineseFirst ? "<html lang=\"zh-CN\">" : "<html lang=\"en\">", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_ValuesWithMarkup_AreEncodedInHtmlAndRawInText()
    {
        var values = MarkedValues(MailKind.ReviewOutcome);
        values["reason"] = "<script>alert('x')</script> & \"co\"\n第二行";

        var mail = MailComposer.Compose(MailKind.ReviewOutcome, "k", "a@example.com", "zh", values);

        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;<br>\n第二行", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<script>alert('x')</script> & \"co\"\n第二行", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_Links_AreButtonsWithBothLabelsAndAbsoluteUrlsInBothBodies()
    {
        var mail = MailComposer.Compose(MailKind.ReviewRequested, "k", "r@example.com", "zh", MarkedValues(MailKind.ReviewRequested), DecisionLinks);

        foreach (var (labelZh, labelEn, url) in DecisionLinks)
        {
            var encoded = url.AbsoluteUri.Replace("&", "&amp;", StringComparison.Ordinal);
            Assert.Contains($"class=\"mail-button\" href=\"{encoded}\"", mail.HtmlBody, StringComparison.Ordinal);
            Assert.Contains($">{labelZh} / {labelEn}</a>", mail.HtmlBody, StringComparison.Ordinal);
            Assert.Contains($"{labelZh} / {labelEn}: {url.AbsoluteUri}\n", mail.TextBody, StringComparison.Ordinal);
        }

        Assert.Equal(2, ButtonPattern().Matches(mail.HtmlBody).Count);
    }

    [Fact]
    public void Compose_WithoutLinks_HasNoButtonsOrLinkList()
    {
        var mail = MailComposer.Compose(MailKind.ApplicationReceived, "k", "a@example.com", "zh", MarkedValues(MailKind.ApplicationReceived));

        Assert.DoesNotContain("mail-button", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("http", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_LanguageSpecificValue_IsUsedInItsLanguageOnly()
    {
        var values = MarkedValues(MailKind.ReviewOutcome);
        values.Remove("outcome");
        values["outcome.zh"] = "批准";
        values["outcome.en"] = "approved";

        var mail = MailComposer.Compose(MailKind.ReviewOutcome, "k", "a@example.com", "zh", values);

        Assert.Contains("的审核结果：批准。", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(": approved.", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_ValueForOneLanguageOnly_IsUsedInBoth()
    {
        var values = MarkedValues(MailKind.ReviewOutcome);
        values.Remove("reason");
        values["reason.zh"] = "材料齐全";

        var mail = MailComposer.Compose(MailKind.ReviewOutcome, "k", "a@example.com", "en", values);

        Assert.Contains("说明：材料齐全", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Note: 材料齐全", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_MissingValue_ThrowsNamingPlaceholder()
    {
        var values = MarkedValues(MailKind.ReviewRequested);
        values.Remove("round");

        var error = Assert.Throws<ArgumentException>(() => MailComposer.Compose(MailKind.ReviewRequested, "k", "r@example.com", "zh", values));

        Assert.Contains("{round}", error.Message, StringComparison.Ordinal);
        Assert.Contains("没有取值", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_RelativeOrNonHttpLink_Throws()
    {
        var values = MarkedValues(MailKind.SignIn);

        Assert.Throws<ArgumentException>(() => MailComposer.Compose(MailKind.SignIn, "k", "a@example.com", "zh", values, [("登录", "Sign in", new Uri("/signin", UriKind.Relative))]));
        Assert.Throws<ArgumentException>(() => MailComposer.Compose(MailKind.SignIn, "k", "a@example.com", "zh", values, [("登录", "Sign in", new Uri("javascript:alert(1)"))]));
    }

    [Fact]
    public void Compose_EmptyKeyOrRecipient_Throws()
    {
        var values = MarkedValues(MailKind.SignIn);

        Assert.Throws<ArgumentException>(() => MailComposer.Compose(MailKind.SignIn, " ", "a@example.com", "zh", values));
        Assert.Throws<ArgumentException>(() => MailComposer.Compose(MailKind.SignIn, "k", "", "zh", values));
    }

    [Theory]
    [InlineData("申报 {applicationId")]
    [InlineData("申报 {}")]
    [InlineData("申报 {application Id}")]
    [InlineData("申报 applicationId}")]
    public void PlaceholdersIn_MalformedTemplate_Throws(string template)
    {
        Assert.Throws<FormatException>(() => MailComposer.PlaceholdersIn(MailKind.SignIn, template).ToList());
    }

    [Fact]
    public void Templates_EveryKind_HasTemplateAndSamePlaceholdersInBothLanguages()
    {
        foreach (var kind in Enum.GetValues<MailKind>())
        {
            var template = MailTemplates.ByKind[kind];
            var chinese = MailComposer.PlaceholdersIn(kind, template.SubjectZh + template.BodyZh).ToHashSet();
            var english = MailComposer.PlaceholdersIn(kind, template.SubjectEn + template.BodyEn).ToHashSet();
            Assert.True(chinese.SetEquals(english), $"{kind}: zh {{{string.Join(',', chinese)}}} en {{{string.Join(',', english)}}}");
            Assert.True(chinese.SetEquals(MailComposer.PlaceholdersOf(kind)));
        }
    }

    /// <summary>A distinct, recognisable value per placeholder, so each can be found in the output.</summary>
    private static Dictionary<string, string> MarkedValues(MailKind kind) =>
        MailComposer.PlaceholdersOf(kind).ToDictionary(name => name, name => $"[{name}-value]");

    [GeneratedRegex(@"\{\w*\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanPattern();

    [GeneratedRegex("class=\"mail-button\"")]
    private static partial Regex ButtonPattern();
}
