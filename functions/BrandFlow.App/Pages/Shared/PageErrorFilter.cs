using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace BrandFlow.App.Pages.Shared;

/// <summary>
/// Turns the facade's refusals into status pages: access denied is a 403 page, a missing subject a 404 page
/// (rendered by <see cref="StatusModel"/> through the status-code re-execution), never a stack trace.
/// </summary>
public sealed class PageErrorFilter : IAsyncPageFilter
{
    /// <summary>Nothing to do before the handler is selected.</summary>
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    /// <summary>Runs the handler and maps refusals to status codes.</summary>
    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next().ConfigureAwait(false);
        if (executed.Exception is { } ex && !executed.ExceptionHandled && StatusFor(ex) is { } status)
        {
            executed.Result = new StatusCodeResult(status);
            executed.ExceptionHandled = true;
        }
    }

    private static int? StatusFor(Exception ex) => ex switch
    {
        UnauthorizedAccessException => StatusCodes.Status403Forbidden,
        KeyNotFoundException => StatusCodes.Status404NotFound,
        _ => null,
    };
}
