using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BrandFlow.Integration.Tests.Mail;

/// <summary>The local SendGrid-compatible endpoint spoken to directly: authorization, validation, storage.</summary>
public sealed class LocalSendGridEndpointTests(MailTestHost host) : IClassFixture<MailTestHost>
{
    private readonly HttpClient client = host.CreateClient();

    [Theory]
    [InlineData(null, "authorization required")]
    [InlineData("Bearer SG.wrong", "The provided authorization grant is invalid, expired, or revoked")]
    [InlineData("Basic dXNlcjpwYXNz", "authorization required")]
    public async Task Post_WithoutTheConfiguredKey_Returns401(string? authorization, string message)
    {
        var response = await PostAsync(Body(LocalMailboxClient.UniqueAddress("x")), authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("personalizations", "personalizations")]
    [InlineData("to", "personalizations.0.to")]
    [InlineData("from", "from")]
    [InlineData("subject", "subject")]
    [InlineData("content", "content")]
    public async Task Post_MissingField_Returns400WithSendGridError(string missing, string field)
    {
        var body = JsonNode(Body(LocalMailboxClient.UniqueAddress("x")));
        if (missing == "to")
        {
            body["personalizations"]![0]!.AsObject().Remove("to");
        }
        else
        {
            body.Remove(missing);
        }

        var response = await PostAsync(body.ToJsonString(), "Bearer " + MailTestHost.ApiKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        var error = Assert.Single(errors);
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Post_InvalidAddressAndBrokenJson_Return400()
    {
        var invalid = await PostAsync(Body("not-an-address"), "Bearer " + MailTestHost.ApiKey);
        var broken = await PostAsync("{ \"personalizations\": [", "Bearer " + MailTestHost.ApiKey);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("personalizations.0.to.0.email", (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }

    [Fact]
    public async Task Post_TwoRecipientsWithOwnSubject_StoresOneMessageEachAndAnswers202WithMessageId()
    {
        var first = LocalMailboxClient.UniqueAddress("first");
        var second = LocalMailboxClient.UniqueAddress("second");
        var body = $$"""
            { "personalizations": [ { "to": [ { "email": "{{first}}" } ] }, { "to": [ { "email": "{{second}}" } ], "subject": "个人主题 / Own subject" } ],
              "from": { "email": "noreply@brandflow.test" }, "subject": "共同主题 / Shared subject",
              "content": [ { "type": "text/plain", "value": "正文 https://a.example/x?y=1&z=2" }, { "type": "text/html", "value": "<p>正文</p>" } ],
              "categories": [ "SignIn" ], "custom_args": { "idempotency_key": "k-1" } }
            """;

        var response = await PostAsync(body, "Bearer " + MailTestHost.ApiKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var messageId = Assert.Single(response.Headers.GetValues("X-Message-Id"));
        var one = Assert.Single(await client.MessagesToAsync(first));
        var two = Assert.Single(await client.MessagesToAsync(second.ToUpperInvariant()));
        Assert.Equal(messageId, one.MessageId);
        Assert.Equal("共同主题 / Shared subject", one.Subject);
        Assert.Equal("个人主题 / Own subject", two.Subject);
        Assert.Equal("正文 https://a.example/x?y=1&z=2", two.TextBody);
        Assert.Equal("<p>正文</p>", two.HtmlBody);
        Assert.Equal("noreply@brandflow.test", two.From);
        Assert.Equal("k-1", two.CustomArgs!["idempotency_key"]);
        var byId = await client.GetFromJsonAsync<JsonElement>($"/dev/mailbox/api/messages/{messageId}");
        Assert.Equal(first, byId.GetProperty("to").GetString());
    }

    private static string Body(string to) => $$"""
        { "personalizations": [ { "to": [ { "email": "{{to}}" } ] } ],
          "from": { "email": "noreply@brandflow.test", "name": "BrandFlow" },
          "subject": "主题 / Subject",
          "content": [ { "type": "text/plain", "value": "正文 / Body" } ] }
        """;

    private static System.Text.Json.Nodes.JsonObject JsonNode(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();

    private async Task<HttpResponseMessage> PostAsync(string body, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/mail/send") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        return await client.SendAsync(request);
    }
}
