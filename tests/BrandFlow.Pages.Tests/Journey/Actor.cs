using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using BrandFlow.Pages.Tests.Infrastructure;

namespace BrandFlow.Pages.Tests.Journey;

/// <summary>
/// One person using the JSON API with their own session: signed in by the one-time link read from the mail the app
/// sent through its SendGrid client (request the link, open it, confirm the sign-in form, keep the session cookie).
/// </summary>
public sealed partial class Actor : IDisposable
{
    /// <summary>JSON as the API writes it (camelCase, enums as camelCase strings).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient http;
    private string cookies = string.Empty;

    private Actor(BrowserApp app, string email)
    {
        Email = email;
        http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
    }

    /// <summary>The person's address.</summary>
    public string Email { get; }

    /// <summary>Signs a person in with the link from the newest sign-in mail sent to them.</summary>
    public static async Task<Actor> SignInAsync(BrowserApp app, string email)
    {
        ArgumentNullException.ThrowIfNull(app);
        var actor = new Actor(app, email);
        var before = await MailCountAsync(app, email, "/signin?t=");
        (await actor.SendAsync(HttpMethod.Post, "api/signin/request-link", new { email })).Dispose();
        var link = (await Mailbox.WaitForLinksAsync(app, email, "/signin?t=", before + 1, TimeSpan.FromSeconds(60))).Single();
        var token = Uri.UnescapeDataString(link[(link.IndexOf("t=", StringComparison.Ordinal) + 2)..]);

        string formToken;
        using (var page = await actor.http.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            actor.Remember(page);
            var tag = FormToken().Match(await page.Content.ReadAsStringAsync()).Value;
            formToken = WebUtility.HtmlDecode(Value().Match(tag).Groups[1].Value);
        }

        using var confirm = new HttpRequestMessage(HttpMethod.Post, "signin")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", formToken), new("t", token), new("returnUrl", "/")]),
        };
        confirm.Headers.Add("Cookie", actor.cookies);
        using var signedIn = await actor.http.SendAsync(confirm);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"sign-in of {email}: {(int)signedIn.StatusCode} {await signedIn.Content.ReadAsStringAsync()}");
        actor.Remember(signedIn);
        Assert.Contains("brandflow.session=", actor.cookies, StringComparison.Ordinal);
        return actor;
    }

    /// <summary>Sends a request (JSON body, or the given content) and fails the test on an unsuccessful answer.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body switch
            {
                null => null,
                HttpContent content => content,
                _ => JsonContent.Create(body, body.GetType(), options: Json),
            },
        };
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }

        var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync();
            response.Dispose();
            Assert.Fail($"{method} /{path} as {Email}: {(int)response.StatusCode} {text}");
        }

        return response;
    }

    /// <summary>Sends a request and reads the JSON answer.</summary>
    public async Task<T> ReadAsync<T>(HttpMethod method, string path, object? body = null)
    {
        using var response = await SendAsync(method, path, body);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>How many captured messages to an address contain a link to a path.</summary>
    public static async Task<int> MailCountAsync(BrowserApp app, string to, string path)
    {
        ArgumentNullException.ThrowIfNull(app);
        var messages = await app.Http.GetFromJsonAsync<JsonElement>("/dev/mailbox/api/messages?to=" + Uri.EscapeDataString(to));
        return messages.EnumerateArray()
            .Count(m => (m.GetProperty("htmlBody").GetString() + "\n" + m.GetProperty("textBody").GetString()).Contains(path, StringComparison.Ordinal));
    }

    /// <summary>Reads a JSON resource, or null while it does not exist yet (404: read models appear asynchronously).</summary>
    public async Task<T?> TryGetAsync<T>(string path)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        using var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.True(response.IsSuccessStatusCode, $"GET /{path} as {Email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<T>(Json);
    }

    /// <inheritdoc/>
    public void Dispose() => http.Dispose();

    private void Remember(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        var jar = cookies.Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        foreach (var pair in values.Select(v => v.Split(';', 2)[0].Split('=', 2)))
        {
            jar[pair[0]] = pair[1];
        }

        cookies = string.Join("; ", jar.Select(p => p.Key + "=" + p.Value));
    }

    [GeneratedRegex("<input[^>]*\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex FormToken();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex Value();
}
