using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BrandFlow.Hosting.Access;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;

namespace BrandFlow.Resilience.Tests;

/// <summary>
/// The JSON API of one host process, as people use it: each person signs in by the emailed one-time link (requested
/// through the API, read from the mailbox, confirmed on the sign-in page with its anti-forgery token) and keeps the
/// session cookie of this process.
/// </summary>
internal sealed partial class BrandFlowApi(AppProcess host, Mailbox mailbox) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 32 })
    {
        BaseAddress = host.Address,
        Timeout = TimeSpan.FromMinutes(2),
    };

    private readonly HttpClient blobs = new();
    private readonly ConcurrentDictionary<string, string> sessions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The process behind this API.</summary>
    public AppProcess Host => host;

    /// <summary>Registers a firm and its applicant account (administrator).</summary>
    public async Task RegisterFirmAsync(string admin, Firm firm)
    {
        await this.SendAsync(admin, HttpMethod.Put, $"api/firms/{firm.CreditCode}", firm);
        await this.SendAsync(admin, HttpMethod.Put, $"api/accounts/{Uri.EscapeDataString(firm.ContactEmail)}",
            new UserAccount(firm.ContactEmail, firm.Name, [Role.Applicant], CreditCode: firm.CreditCode));
    }

    /// <summary>Opens a cycle (administrator).</summary>
    public Task OpenCycleAsync(string admin, CycleDefinition cycle) => this.SendAsync(admin, HttpMethod.Post, "api/cycles", cycle);

    /// <summary>Uploads one evidence file through an upload slot, has it inspected and submits the application; returns its id.</summary>
    public async Task<string> SubmitAsync(string applicant, string cycleId, ClaimInput claim, string evidenceType, byte[] evidence)
    {
        var slot = await this.ReadAsync<UploadSlot>(applicant, HttpMethod.Post, "api/evidence/slots", new UploadSlotRequest(evidenceType, evidenceType + ".pdf"));
        using (var put = new HttpRequestMessage(HttpMethod.Put, slot.UploadUrl) { Content = new ByteArrayContent(evidence) })
        {
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            using var response = await this.blobs.SendAsync(put);
            response.EnsureSuccessStatusCode();
        }

        var file = await this.ReadAsync<EvidenceFile>(applicant, HttpMethod.Post, $"api/evidence/{slot.FileId}/inspection", null);
        var receipt = await this.ReadAsync<SubmissionReceipt>(applicant, HttpMethod.Post, "api/applications",
            new ClaimsRequest(cycleId, [claim with { EvidenceFileIds = [file.FileId] }]));
        return receipt.ApplicationId;
    }

    /// <summary>The clerk approves the document check.</summary>
    public Task ClerkApproveAsync(string clerk, string applicationId) =>
        this.SendAsync(clerk, HttpMethod.Post, $"api/applications/{applicationId}/clerk-check", new ClerkCheckRequest(true, null));

    /// <summary>A reviewer posts the decision a link token carries.</summary>
    public Task DecideAsync(string reviewer, string token) =>
        this.SendAsync(reviewer, HttpMethod.Post, "api/review/decisions", new DecisionRequest(token, null));

    /// <summary>Closes the application window now (administrator).</summary>
    public Task CloseWindowAsync(string admin, string cycleId) => this.SendAsync(admin, HttpMethod.Post, $"api/cycles/{cycleId}/close-window", null);

    /// <summary>Approves the fiscal batch pro rata (finance).</summary>
    public Task ApproveFiscalAsync(string finance, string cycleId) =>
        this.SendAsync(finance, HttpMethod.Post, $"api/cycles/{cycleId}/fiscal/approval", new { rule = "proRata" });

    /// <summary>The cycle's read model (raw JSON).</summary>
    public Task<JsonElement> CycleAsync(string admin, string cycleId) => this.ReadAsync<JsonElement>(admin, HttpMethod.Get, $"api/cycles/{cycleId}", null);

    /// <summary>The cycle's applications: id → status.</summary>
    public async Task<IReadOnlyDictionary<string, ApplicationStatus>> ApplicationsAsync(string admin, string cycleId)
    {
        var list = await this.ReadAsync<List<JsonElement>>(admin, HttpMethod.Get, $"api/cycles/{cycleId}/applications", null);
        return list.ToDictionary(
            a => a.GetProperty("applicationId").GetString()!,
            a => Enum.Parse<ApplicationStatus>(a.GetProperty("status").GetString()!, ignoreCase: true));
    }

    /// <summary>GET as a person; the raw response (not checked).</summary>
    public async Task<HttpResponseMessage> GetAsync(string actor, string path)
    {
        await this.EnsureSignedInAsync(actor);
        using var request = Message(HttpMethod.Get, path, this.sessions[actor], null);
        return await this.http.SendAsync(request);
    }

    /// <summary>GET as a person, read as JSON.</summary>
    public Task<T> GetJsonAsync<T>(string actor, string path) => this.ReadAsync<T>(actor, HttpMethod.Get, path, null);

    public void Dispose()
    {
        this.http.Dispose();
        this.blobs.Dispose();
    }

    private async Task<T> ReadAsync<T>(string actor, HttpMethod method, string path, object? body)
    {
        using var response = await this.SendAsync(actor, method, path, body);
        return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options) ?? throw new InvalidOperationException($"{method} {path}: empty answer");
    }

    private async Task<HttpResponseMessage> SendAsync(string actor, HttpMethod method, string path, object? body)
    {
        await this.EnsureSignedInAsync(actor);
        using var request = Message(method, path, this.sessions[actor], body);
        var response = await this.http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new InvalidOperationException($"{method} /{path} as {actor} on {host.Name}: {(int)response.StatusCode} {text}");
        }

        return response;
    }

    private async Task EnsureSignedInAsync(string email)
    {
        if (this.sessions.ContainsKey(email))
        {
            return;
        }

        var personal = mailbox.LockFor(email);
        await personal.WaitAsync();
        try
        {
            if (!this.sessions.ContainsKey(email))
            {
                this.sessions[email] = await this.SignInAsync(email);
            }
        }
        finally
        {
            personal.Release();
        }
    }

    private async Task<string> SignInAsync(string email)
    {
        var since = DateTimeOffset.UtcNow;
        using (var request = Message(HttpMethod.Post, "api/signin/request-link", null, new { email }))
        using (var response = await this.http.SendAsync(request))
        {
            Assert.True(response.IsSuccessStatusCode, $"sign-in link for {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var mail = await mailbox.WaitForNewAsync(email, since, m => m.HtmlBody.Contains("/signin?t=", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var token = Mailbox.Links(mail)[0].Token;
        string antiforgery;
        string formToken;
        using (var page = await this.http.GetAsync($"signin?t={Uri.EscapeDataString(token)}"))
        {
            page.EnsureSuccessStatusCode();
            antiforgery = Cookies(page);
            var tag = FormTokenPattern().Match(await page.Content.ReadAsStringAsync()).Value;
            formToken = WebUtility.HtmlDecode(ValuePattern().Match(tag).Groups[1].Value);
        }

        using var confirm = new HttpRequestMessage(HttpMethod.Post, "signin")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", formToken), new("t", token), new("returnUrl", "/")]),
        };
        confirm.Headers.Add("Cookie", antiforgery);
        using var signedIn = await this.http.SendAsync(confirm);
        var session = Cookies(signedIn);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect && session.Contains("brandflow.session=", StringComparison.Ordinal),
            $"sign-in of {email} failed: {(int)signedIn.StatusCode} {await signedIn.Content.ReadAsStringAsync()}");
        return session;
    }

    private static HttpRequestMessage Message(HttpMethod method, string path, string? cookie, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: ApiJson.Options) };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return request;
    }

    private static string Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? string.Join("; ", values.Select(v => v.Split(';', 2)[0])) : string.Empty;

    [GeneratedRegex("<input[^>]*\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex FormTokenPattern();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValuePattern();
}
