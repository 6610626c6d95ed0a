using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Bench;

/// <summary>
/// The driver's actions through the app's JSON API over HTTP, each person signed in by the emailed one-time link
/// (request the link, read it from the captured mail, confirm on the sign-in page with its anti-forgery token, keep
/// the session cookie). Only the first administrator account is written through the facade, as the CLI's
/// seed verbs do (whoever holds the storage connection administers the system).
/// </summary>
internal sealed partial class HttpApiClient(HttpClient http, HttpClient blobHttp, MailTap mail, AwardsService facade) : IAwardsClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly UserAccount Bootstrap = new("bench-cli@brandflow.local", "基准测试 / benchmark", [Role.Administrator]);
    private readonly ConcurrentDictionary<string, string> sessions = new(StringComparer.OrdinalIgnoreCase);
    private string admin = string.Empty;

    public string Description => "the JSON API over HTTP (Kestrel, loopback), every person signed in by emailed one-time link with a session cookie; evidence PUT to Blob Storage with the upload slot's SAS";

    /// <summary>How long the driver waits for one request (API or blob): long enough that an Azurite collector pause shows in the latencies instead of ending the run.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Creates the HTTP client the API client needs (no automatic cookies or redirects: it keeps one session per person).</summary>
    public static HttpClient CreateHttp(Uri baseAddress) =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 }) { BaseAddress = baseAddress, Timeout = RequestTimeout };

    public async Task SeedAsync(IReadOnlyList<UserAccount> staff, IReadOnlyList<Firm> firms, CancellationToken cancellationToken)
    {
        var administrator = staff.First(a => a.Has(Role.Administrator));
        this.admin = administrator.Email;
        await facade.UpsertAccountAsync(Bootstrap, administrator, cancellationToken);
        await this.SignInAsync(this.admin, cancellationToken);
        foreach (var account in staff.Where(a => a != administrator))
        {
            await this.SendAsync(this.admin, HttpMethod.Put, $"api/accounts/{Uri.EscapeDataString(account.Email)}", account, cancellationToken);
            await this.SignInAsync(account.Email, cancellationToken);
        }

        await Parallel.ForEachAsync(firms, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (firm, ct) =>
        {
            await this.SendAsync(this.admin, HttpMethod.Put, $"api/firms/{firm.CreditCode}", firm, ct);
            var applicant = new UserAccount(firm.ContactEmail, firm.Name, [Role.Applicant], CreditCode: firm.CreditCode);
            await this.SendAsync(this.admin, HttpMethod.Put, $"api/accounts/{Uri.EscapeDataString(applicant.Email)}", applicant, ct);
            await this.SignInAsync(applicant.Email, ct);
        });
    }

    public async Task OpenCycleAsync(CycleDefinition cycle, CancellationToken cancellationToken) =>
        await this.SendAsync(this.admin, HttpMethod.Post, "api/cycles", cycle, cancellationToken);

    public async Task<string> SubmitAsync(Firm firm, string cycleId, ClaimInput claim, string evidenceType, byte[] evidence, CancellationToken cancellationToken)
    {
        var applicant = firm.ContactEmail;
        var slot = await this.ReadAsync<UploadSlot>(applicant, HttpMethod.Post, "api/evidence/slots", new UploadSlotRequest(evidenceType, evidenceType + ".pdf"), cancellationToken);
        using (var put = new HttpRequestMessage(HttpMethod.Put, slot.UploadUrl) { Content = new ByteArrayContent(evidence) })
        {
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            using var response = await blobHttp.SendAsync(put, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        var file = await this.ReadAsync<EvidenceFile>(applicant, HttpMethod.Post, $"api/evidence/{slot.FileId}/inspection", null, cancellationToken);
        var receipt = await this.ReadAsync<SubmissionReceipt>(applicant, HttpMethod.Post, "api/applications",
            new ClaimsRequest(cycleId, [claim with { EvidenceFileIds = [file.FileId] }]), cancellationToken);
        return receipt.ApplicationId;
    }

    public async Task ClerkApproveAsync(string clerk, string applicationId, CancellationToken cancellationToken) =>
        await this.SendAsync(clerk, HttpMethod.Post, $"api/applications/{applicationId}/clerk-check", new ClerkCheckRequest(true, null), cancellationToken);

    public async Task DecideAsync(string reviewer, string token, CancellationToken cancellationToken) =>
        await this.SendAsync(reviewer, HttpMethod.Post, "api/review/decisions", new DecisionRequest(token, null), cancellationToken);

    public async Task<ApplicationStatus> StatusAsync(string applicant, string applicationId, CancellationToken cancellationToken) =>
        (await this.ReadAsync<ApplicationRecord>(applicant, HttpMethod.Get, $"api/applications/{applicationId}", null, cancellationToken, TrafficScope.Observer)).Status;

    public Task<CycleRecord> CycleAsync(string admin, string cycleId, CancellationToken cancellationToken) =>
        this.ReadAsync<CycleRecord>(admin, HttpMethod.Get, $"api/cycles/{cycleId}", null, cancellationToken, TrafficScope.Observer);

    public async Task<int> CountAsync(string admin, string cycleId, ApplicationStatus status, CancellationToken cancellationToken) =>
        (await this.ReadAsync<List<JsonElement>>(admin, HttpMethod.Get, $"api/cycles/{cycleId}/applications?status={status}", null, cancellationToken, TrafficScope.Observer)).Count;

    public async Task CloseWindowAsync(string admin, string cycleId, CancellationToken cancellationToken) =>
        await this.SendAsync(admin, HttpMethod.Post, $"api/cycles/{cycleId}/close-window", null, cancellationToken);

    public async Task ApproveFiscalAsync(string finance, string cycleId, CancellationToken cancellationToken) =>
        await this.SendAsync(finance, HttpMethod.Post, $"api/cycles/{cycleId}/fiscal/approval", new { rule = "proRata" }, cancellationToken);

    public async Task<string> PaymentFileCsvAsync(string finance, string cycleId, CancellationToken cancellationToken)
    {
        using var response = await this.SendAsync(finance, HttpMethod.Get, $"api/cycles/{cycleId}/payments/file?format=csv", null, cancellationToken);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    public async Task ImportConfirmationsAsync(string finance, string cycleId, string csv, CancellationToken cancellationToken)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        (await this.SendAsync(finance, HttpMethod.Post, $"api/cycles/{cycleId}/payments/confirmations", content, cancellationToken)).Dispose();
    }

    public async Task CloseCycleAsync(string admin, string cycleId, CancellationToken cancellationToken) =>
        await this.SendAsync(admin, HttpMethod.Post, $"api/cycles/{cycleId}/close", null, cancellationToken);

    /// <summary>Signs a person in: link requested by API, read from the mail, confirmed on the sign-in page.</summary>
    private async Task SignInAsync(string email, CancellationToken cancellationToken)
    {
        var before = Stopwatch.GetTimestamp();
        using (var request = Message(HttpMethod.Post, "api/signin/request-link", null, new { email }))
        {
            using var response = await http.SendAsync(request, cancellationToken);
            await EnsureAsync(response, "request sign-in link", cancellationToken);
        }

        var link = await mail.WaitAsync("signin:" + email.ToLowerInvariant(), m => m.ArrivedTimestamp >= before && m.Links.Count > 0, TimeSpan.FromMinutes(2));
        var token = link.Links[0].Token;
        string antiforgeryCookie;
        string formToken;
        using var pageRequest = Message(HttpMethod.Get, $"signin?t={Uri.EscapeDataString(token)}", null, null);
        using (var page = await http.SendAsync(pageRequest, cancellationToken))
        {
            await EnsureAsync(page, "sign-in page", cancellationToken);
            antiforgeryCookie = Cookies(page);
            var tag = FormTokenPattern().Match(await page.Content.ReadAsStringAsync(cancellationToken)).Value;
            formToken = WebUtility.HtmlDecode(ValuePattern().Match(tag).Groups[1].Value);
        }

        using var confirm = new HttpRequestMessage(HttpMethod.Post, "signin")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", formToken), new("t", token), new("returnUrl", "/")]),
        };
        confirm.Headers.Add("Cookie", antiforgeryCookie);
        if (StorageTraffic.CurrentScope != TrafficScope.Workflow)
        {
            confirm.Headers.Add(BenchApp.ScopeHeader, StorageTraffic.CurrentScope.ToString());
        }

        using var signedIn = await http.SendAsync(confirm, cancellationToken);
        var session = Cookies(signedIn);
        if (signedIn.StatusCode != HttpStatusCode.Redirect || !session.Contains("brandflow.session=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"sign-in of {email} failed: {(int)signedIn.StatusCode} {await signedIn.Content.ReadAsStringAsync(cancellationToken)}");
        }

        this.sessions[email] = session;
    }

    private async Task<T> ReadAsync<T>(string actor, HttpMethod method, string path, object? body, CancellationToken cancellationToken, TrafficScope scope = TrafficScope.Workflow)
    {
        using var response = await this.SendAsync(actor, method, path, body, cancellationToken, scope);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken) ?? throw new InvalidOperationException($"{method} {path}: empty answer");
    }

    private async Task<HttpResponseMessage> SendAsync(string actor, HttpMethod method, string path, object? body, CancellationToken cancellationToken, TrafficScope scope = TrafficScope.Workflow)
    {
        if (scope != TrafficScope.Workflow)
        {
            StorageTraffic.Enter(scope);
        }

        using var request = Message(method, path, this.sessions[actor], body);
        var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, $"{method} /{path} as {actor}", cancellationToken);
        return response;
    }

    private static HttpRequestMessage Message(HttpMethod method, string path, string? cookie, object? body)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = body switch
            {
                null => null,
                HttpContent content => content,
                _ => JsonContent.Create(body, body.GetType(), options: Json),
            },
        };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        // The app files the storage work of this request under the driver's current scope (set-up, observation).
        if (StorageTraffic.CurrentScope != TrafficScope.Workflow)
        {
            request.Headers.Add(BenchApp.ScopeHeader, StorageTraffic.CurrentScope.ToString());
        }

        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {text}");
        }
    }

    /// <summary>The name=value pairs a response sets, as a Cookie header.</summary>
    private static string Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? string.Join("; ", values.Select(v => v.Split(';', 2)[0]))
            : string.Empty;

    [GeneratedRegex("<input[^>]*\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex FormTokenPattern();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValuePattern();
}
