using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Services;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.Applications;

/// <summary>
/// The two calls of the upload script (wwwroot/js/upload.js), shared by the new-application and application pages:
/// a write-only upload URL for one file, then the server's inspection of what arrived. JSON in and out; no page.
/// </summary>
public sealed class UploadModel : BrandFlowPage
{
    /// <summary>There is nothing to show.</summary>
    public IActionResult OnGet() => this.NotFound();

    /// <summary>A short-lived, write-only URL for one new evidence file of the applicant's firm.</summary>
    public async Task<IActionResult> OnPostSlotAsync([FromBody] UploadSlotRequest request)
    {
        try
        {
            var slot = await this.Awards.RequestUploadSlotAsync(await this.AccountAsync(), request, this.HttpContext.RequestAborted);
            return new JsonResult(new { slot.FileId, uploadUrl = slot.UploadUrl.ToString(), slot.MaxLength, slot.ExpiresAt });
        }
        catch (AwardsException refusal)
        {
            return Refused(refusal);
        }
    }

    /// <summary>Inspects an uploaded file: accepted (with its judged type and hash), or refused with the reason (and deleted).</summary>
    public async Task<IActionResult> OnPostInspectAsync([FromBody] InspectRequest request)
    {
        try
        {
            var file = await this.Awards.InspectEvidenceAsync(await this.AccountAsync(), request?.FileId ?? string.Empty, this.HttpContext.RequestAborted);
            return new JsonResult(new { accepted = true, file.FileId, file.FileName, file.EvidenceType, file.ContentType, file.Length, file.Sha256 });
        }
        catch (AwardsException refusal)
        {
            return Refused(refusal);
        }
    }

    private static JsonResult Refused(AwardsException refusal) =>
        new(new { accepted = false, code = refusal.Code, messageZh = refusal.MessageZh, messageEn = refusal.MessageEn }) { StatusCode = refusal.StatusCode };

    /// <summary>Body of the inspect call.</summary>
    public sealed record InspectRequest(string FileId);
}
