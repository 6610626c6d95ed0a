using BrandFlow.Awards.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace BrandFlow.Site.Pages.Shared;

/// <summary>
/// Turns the facade's refusals a page did not handle itself into answers a person understands: not signed in → the
/// sign-in page (coming back afterwards); forbidden → the 403 page; not found → the 404 page; any other refusal of a
/// form post → back to the page with the message; of a page view → a status page with the message. Never a stack trace.
/// </summary>
public sealed class PageErrorFilter : IAsyncPageFilter
{
    /// <summary>Key of the refusal message shown by the status page.</summary>
    public const string MessageKey = "bf-refusal";

    /// <summary>Nothing to do before the handler is selected.</summary>
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    /// <summary>Runs the handler and maps refusals.</summary>
    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next().ConfigureAwait(false);
        if (executed.Exception is not AwardsException refusal || executed.ExceptionHandled)
        {
            return;
        }

        var http = executed.HttpContext;
        var here = http.Request.Path + http.Request.QueryString;
        var message = $"{refusal.MessageZh} / {refusal.MessageEn}";
        executed.ExceptionHandled = true;
        if (refusal.StatusCode == StatusCodes.Status401Unauthorized)
        {
            var back = HttpMethods.IsGet(http.Request.Method) ? here : http.Request.Path.ToString();
            executed.Result = new RedirectResult("/signin/request?returnUrl=" + Uri.EscapeDataString(back));
        }
        else if (refusal.StatusCode is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound || HttpMethods.IsGet(http.Request.Method))
        {
            // The refusal page is rendered here, with the refusal's status code (no redirect: the address stays).
            var code = refusal.StatusCode is >= 400 and < 600 ? refusal.StatusCode : 400;
            var viewData = new ViewDataDictionary<RefusalView>(new EmptyModelMetadataProvider(), executed.ModelState) { Model = new RefusalView(code, message) };
            executed.Result = new ViewResult { ViewName = "/Pages/Shared/_Refusal.cshtml", ViewData = viewData, StatusCode = code };
        }
        else
        {
            var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
            tempData["Error"] = message;
            executed.Result = new RedirectResult(here);
        }
    }
}
