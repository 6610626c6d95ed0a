using System.Text.Json;
using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Policy.Calculation;
using BrandFlow.Policy.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.Applications;

/// <summary>
/// One application: status timeline from the audit log, awards with amounts and explanations, defects with their
/// deadline and the correction form, the answer to a request for information, evidence links (read SAS), withdrawal.
/// </summary>
public sealed class DetailModel : BrandFlowPage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Application id (route).</summary>
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    /// <summary>Reason for withdrawing.</summary>
    [BindProperty]
    public string? WithdrawReason { get; set; }

    /// <summary>Answer to a request for information.</summary>
    [BindProperty]
    public string? Answer { get; set; }

    /// <summary>Files uploaded with the answer or the correction ("fileId|type|name").</summary>
    [BindProperty]
    public List<string> Files { get; set; } = [];

    /// <summary>The application.</summary>
    public ApplicationRecord? Application { get; private set; }

    /// <summary>Its audit trail, oldest first (empty when the viewer may not read it).</summary>
    public IReadOnlyList<AuditEntry> Timeline { get; private set; } = [];

    /// <summary>The calculator's result recorded at submission, when readable.</summary>
    public EvaluationResult? Evaluation { get; private set; }

    /// <summary>True when the viewer is the applicant of this application.</summary>
    public bool IsOwner { get; private set; }

    /// <summary>The catalog (clause titles, departments).</summary>
    public PolicyCatalog Catalog => this.Awards.Catalog;

    /// <summary>Shows the application (404 when it does not exist or is not the viewer's to see).</summary>
    public async Task OnGetAsync() => await this.LoadAsync();

    /// <summary>Redirects to a short-lived read URL of one evidence file.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(string fileId)
    {
        var url = await this.Awards.GetEvidenceUrlAsync(await this.AccountAsync(), this.Id, fileId, this.HttpContext.RequestAborted);
        return this.Redirect(url.ToString());
    }

    /// <summary>Withdraws the application.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync()
    {
        try
        {
            await this.Awards.WithdrawAsync(await this.AccountAsync(), this.Id, this.WithdrawReason, this.HttpContext.RequestAborted);
        }
        catch (AwardsException refusal) when (refusal.StatusCode == 400)
        {
            this.ShowRefusal(refusal, _ => nameof(this.WithdrawReason));
            await this.LoadAsync();
            return this.Page();
        }

        this.Flash("撤回请求已提交", "The withdrawal has been sent");
        return this.RedirectToPage(new { id = this.Id });
    }

    /// <summary>Answers a department's request for information.</summary>
    public async Task<IActionResult> OnPostAnswerAsync()
    {
        try
        {
            var ids = this.Files.Select(f => f.Split('|')[0]).Where(f => f.Length > 0).ToList();
            await this.Awards.ProvideInformationAsync(await this.AccountAsync(), this.Id, new InformationRequest(null, this.Answer ?? string.Empty, ids), this.HttpContext.RequestAborted);
        }
        catch (AwardsException refusal) when (refusal.StatusCode == 400)
        {
            this.ShowRefusal(refusal, field => field.StartsWith("evidence", StringComparison.Ordinal) ? nameof(this.Files) : nameof(this.Answer));
            await this.LoadAsync();
            return this.Page();
        }

        this.Flash("补充材料已提交", "Your answer has been sent");
        return this.RedirectToPage(new { id = this.Id });
    }

    /// <summary>Submits a correction: the claims as before, with the newly uploaded files added to the claims they name.</summary>
    public async Task<IActionResult> OnPostCorrectAsync(List<string>? correctionFiles)
    {
        var account = await this.AccountAsync();
        var application = await this.Awards.GetApplicationAsync(account, this.Id, this.HttpContext.RequestAborted);
        var added = (correctionFiles ?? []).Select(f => f.Split('|')).Where(p => p.Length >= 2).ToLookup(p => p[0], p => p[1]);
        var claims = application.Claims
            .Select(c => c with { EvidenceFileIds = c.EvidenceFileIds.Concat(added[c.ClaimId]).Distinct().ToList() })
            .ToList();
        try
        {
            await this.Awards.SubmitCorrectionAsync(account, this.Id, claims, this.HttpContext.RequestAborted);
        }
        catch (AwardsException refusal) when (refusal.StatusCode is 400 or 409)
        {
            this.ShowRefusal(refusal, _ => "Correction");
            await this.LoadAsync();
            return this.Page();
        }

        this.Flash("补正材料已提交", "Your correction has been sent");
        return this.RedirectToPage(new { id = this.Id });
    }

    /// <summary>The explanation of an award line, from the estimate recorded at submission.</summary>
    public Text? ExplanationOf(AwardLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return this.Evaluation?.Awards.FirstOrDefault(a => a.AchievementId == line.ClaimId && a.ClauseId == line.ClauseId)?.Explanation;
    }

    private async Task LoadAsync()
    {
        var account = await this.AccountAsync();
        this.Application = await this.Awards.GetApplicationAsync(account, this.Id, this.HttpContext.RequestAborted);
        this.IsOwner = account is not null && AccessRules.IsOwner(account, this.Application);
        try
        {
            this.Timeline = await this.Awards.GetAuditLogAsync(account, this.Id, this.HttpContext.RequestAborted);
        }
        catch (AwardsException refusal) when (refusal.StatusCode == 403)
        {
            this.Timeline = [];
        }

        if (this.Application.Estimate is { Length: > 0 } estimate)
        {
            try
            {
                this.Evaluation = JsonSerializer.Deserialize<EvaluationResult>(estimate, Json);
            }
            catch (JsonException)
            {
                this.Evaluation = null;
            }
        }
    }
}
