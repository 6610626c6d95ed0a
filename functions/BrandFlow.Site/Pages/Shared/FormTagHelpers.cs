using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace BrandFlow.Site.Pages.Shared;

/// <summary>
/// Marks a form control invalid for assistive technology: <c>bf-key="Email"</c> adds aria-invalid and points
/// aria-describedby at the field's error (rendered by <see cref="FieldErrorTagHelper"/>).
/// </summary>
[HtmlTargetElement("input", Attributes = "bf-key")]
[HtmlTargetElement("select", Attributes = "bf-key")]
[HtmlTargetElement("textarea", Attributes = "bf-key")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    /// <summary>The ModelState key of the field.</summary>
    [HtmlAttributeName("bf-key")]
    public string Key { get; set; } = string.Empty;

    /// <summary>The view context (set by Razor).</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext? ViewContext { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (this.ViewContext?.ViewData.ModelState.TryGetValue(this.Key, out var entry) == true && entry.Errors.Count > 0)
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
            var described = output.Attributes["aria-describedby"]?.Value?.ToString();
            output.Attributes.SetAttribute("aria-describedby", string.Join(' ', new[] { described, FieldErrorTagHelper.IdFor(this.Key) }.Where(s => !string.IsNullOrEmpty(s))));
        }
    }
}

/// <summary>Renders the errors of one field next to it: <c>&lt;field-error key="Email" /&gt;</c>.</summary>
[HtmlTargetElement("field-error", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper(UiLanguage language) : TagHelper
{
    private readonly UiLanguage language = language;

    /// <summary>The ModelState key of the field.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The view context (set by Razor).</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext? ViewContext { get; set; }

    /// <summary>The id of a field's error element.</summary>
    public static string IdFor(string key) => "err-" + FormIds.For(key);

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (this.ViewContext?.ViewData.ModelState.TryGetValue(this.Key, out var entry) != true || entry!.Errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("id", IdFor(this.Key));
        output.Attributes.SetAttribute("class", "field-error");
        output.Content.SetContent(string.Join(" ", entry.Errors.Select(e => this.language.Split(e.ErrorMessage))));
    }
}

/// <summary>
/// The error summary at the top of a form, focused when the page comes back with errors so keyboard and screen-reader
/// users land on it; each error links to its field.
/// </summary>
[HtmlTargetElement("error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper(UiLanguage language) : TagHelper
{
    private readonly UiLanguage language = language;

    /// <summary>The view context (set by Razor).</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext? ViewContext { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var state = this.ViewContext?.ViewData.ModelState;
        if (state is null || state.IsValid || state.ErrorCount == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "error-summary");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("tabindex", "-1");
        output.Attributes.SetAttribute("autofocus", "autofocus");
        output.Attributes.SetAttribute("id", "error-summary");
        var list = new TagBuilder("ul");
        foreach (var (key, entry) in state.Where(kv => kv.Value is { Errors.Count: > 0 }))
        {
            foreach (var error in entry!.Errors)
            {
                var item = new TagBuilder("li");
                var text = this.language.Split(error.ErrorMessage);
                if (key.Length > 0)
                {
                    var link = new TagBuilder("a");
                    link.Attributes["href"] = "#" + FormIds.For(key);
                    link.InnerHtml.Append(text);
                    item.InnerHtml.AppendHtml(link);
                }
                else
                {
                    item.InnerHtml.Append(text);
                }

                list.InnerHtml.AppendHtml(item);
            }
        }

        var heading = new TagBuilder("p");
        heading.InnerHtml.Append(this.language.T("请更正以下问题：", "Please correct the following:"));
        output.Content.AppendHtml(heading);
        output.Content.AppendHtml(list);
    }
}

/// <summary>Element ids of form fields: the ModelState key with brackets and dots made safe ("Claims[0].Kind" → "Claims_0__Kind").</summary>
public static class FormIds
{
    /// <summary>The id of the field with a ModelState key.</summary>
    public static string For(string key) => new((key ?? string.Empty).Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_').ToArray());
}
