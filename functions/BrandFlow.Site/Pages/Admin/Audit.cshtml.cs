using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Model;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.Admin;

/// <summary>The append-only audit log of one subject (an application, a cycle, an account, a firm, "calendar").</summary>
public sealed class AuditModel : BrandFlowPage
{
    /// <summary>Subject id.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    /// <summary>Its entries, oldest first.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>Loads the entries of the subject asked for.</summary>
    public async Task OnGetAsync()
    {
        if (!string.IsNullOrWhiteSpace(this.Subject))
        {
            this.Entries = await this.Awards.GetAuditLogAsync(await this.AccountAsync(), this.Subject.Trim(), this.HttpContext.RequestAborted);
        }
    }
}
