using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BrandFlow.Awards.Model;
using BrandFlow.Hosting;
using BrandFlow.Hosting.Mail;

namespace BrandFlow.App.Mail;

/// <summary>
/// The local SendGrid-compatible endpoint: POST /v3/mail/send with SendGrid's v3 JSON and bearer key. It validates like
/// SendGrid (400 with {"errors":[{"message","field","help"}]}), stores one <see cref="StoredMail"/> per recipient in the
/// development mailbox, and answers 202 with an X-Message-Id header.
/// </summary>
internal static class LocalSendGridEndpoint
{
    /// <summary>Route SendGrid's client posts to.</summary>
    public const string Route = "/v3/mail/send";

    /// <summary>Maps the endpoint.</summary>
    public static void Map(WebApplication app) => app.MapPost(Route, HandleAsync).ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(HttpContext context, MailOptions options, LocalMailFaults faults, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (faults.OnRequest() is { } fault)
        {
            return Errors(fault, new SendGridError($"模拟故障 / simulated failure {fault}", null));
        }

        if (Authorization(context.Request, options) is { } unauthorized)
        {
            return unauthorized;
        }

        if (context.RequestServices.GetService<MailboxStore>() is not { } mailbox)
        {
            return Errors(503, new SendGridError("本地邮件端点需要配置存储 BrandFlowStorage / The local mail endpoint needs BrandFlowStorage", null));
        }

        JsonElement root;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Errors(400, new SendGridError("Bad Request", null));
        }

        var errors = new List<SendGridError>();
        var request = Read(root, errors);
        if (errors.Count > 0 || request is null)
        {
            return Errors(400, [.. errors]);
        }

        var receivedAt = clock.GetUtcNow();
        var messageId = MailboxStore.NewMessageId(receivedAt);
        var index = 0;
        foreach (var recipient in request.Recipients)
        {
            var id = index == 0 ? messageId : $"{messageId}.{index}";
            var stored = new StoredMail(id, recipient.To, request.From, recipient.Subject, request.Html, request.Text, request.Categories, receivedAt, recipient.CustomArgs);
            await mailbox.SaveAsync(stored, cancellationToken).ConfigureAwait(false);
            index++;
        }

        context.Response.Headers["X-Message-Id"] = messageId;
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static IResult? Authorization(HttpRequest request, MailOptions options)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Errors(401, new SendGridError("authorization required", null));
        }

        var given = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        var expected = Encoding.UTF8.GetBytes(options.ApiKey ?? string.Empty);
        return expected.Length > 0 && CryptographicOperations.FixedTimeEquals(given, expected)
            ? null
            : Errors(401, new SendGridError("The provided authorization grant is invalid, expired, or revoked", null));
    }

    /// <summary>Reads and validates the v3 body; every problem is added to <paramref name="errors"/> with SendGrid's field path.</summary>
    private static MailRequest? Read(JsonElement root, List<SendGridError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new SendGridError("Bad Request", null));
            return null;
        }

        var subject = root.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var recipients = new List<Recipient>();
        var everyPersonalizationHasSubject = true;
        if (!root.TryGetProperty("personalizations", out var personalizations) || personalizations.ValueKind != JsonValueKind.Array || personalizations.GetArrayLength() == 0)
        {
            errors.Add(new SendGridError("The personalizations field is required and must have at least one personalization.", "personalizations"));
        }
        else
        {
            var p = 0;
            foreach (var personalization in personalizations.EnumerateArray())
            {
                var ownSubject = personalization.ValueKind == JsonValueKind.Object && personalization.TryGetProperty("subject", out var ps) && ps.ValueKind == JsonValueKind.String && ps.GetString()!.Length > 0 ? ps.GetString() : null;
                everyPersonalizationHasSubject &= ownSubject is not null;
                if (personalization.ValueKind != JsonValueKind.Object || !personalization.TryGetProperty("to", out var to) || to.ValueKind != JsonValueKind.Array || to.GetArrayLength() == 0)
                {
                    errors.Add(new SendGridError("The to array is required for all personalization objects, and must have at least one email object with a valid email address.", $"personalizations.{p}.to"));
                }
                else
                {
                    var t = 0;
                    foreach (var address in to.EnumerateArray())
                    {
                        if (Email(address) is { } email)
                        {
                            recipients.Add(new Recipient(email, ownSubject ?? subject ?? string.Empty, CustomArgs(personalization)));
                        }
                        else
                        {
                            errors.Add(new SendGridError("Does not contain a valid address.", $"personalizations.{p}.to.{t}.email"));
                        }

                        t++;
                    }
                }

                p++;
            }
        }

        string? from = null;
        if (!root.TryGetProperty("from", out var fromElement) || fromElement.ValueKind != JsonValueKind.Object || !fromElement.TryGetProperty("email", out _))
        {
            errors.Add(new SendGridError("The from object must be provided for every email send. It is an object that requires an email parameter, but may also contain a name parameter.", "from"));
        }
        else if (Email(fromElement) is not { } fromEmail)
        {
            errors.Add(new SendGridError("The from email does not contain a valid address.", "from.email"));
        }
        else
        {
            from = fromElement.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString()!.Length > 0 ? $"{name.GetString()} <{fromEmail}>" : fromEmail;
        }

        if (string.IsNullOrEmpty(subject) && !(everyPersonalizationHasSubject && recipients.Count > 0))
        {
            errors.Add(new SendGridError("The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.", "subject"));
        }

        var (text, html) = Content(root, errors);
        var categories = root.TryGetProperty("categories", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
        // SendGrid merges the message's custom_args with each personalization's (the personalization wins).
        var shared = CustomArgs(root);
        foreach (var recipient in recipients)
        {
            foreach (var (name, value) in shared)
            {
                recipient.CustomArgs.TryAdd(name, value);
            }
        }

        return errors.Count > 0 ? null : new MailRequest(recipients, from!, text, html, categories);
    }

    private static (string Text, string Html) Content(JsonElement root, List<SendGridError> errors)
    {
        string text = string.Empty, html = string.Empty;
        if (!root.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array || content.GetArrayLength() == 0)
        {
            errors.Add(new SendGridError("Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.", "content"));
            return (text, html);
        }

        var i = 0;
        foreach (var block in content.EnumerateArray())
        {
            var type = block.ValueKind == JsonValueKind.Object && block.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var value = block.ValueKind == JsonValueKind.Object && block.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (string.IsNullOrEmpty(type))
            {
                errors.Add(new SendGridError("The content type must be a string at least one character in length.", $"content.{i}.type"));
            }
            else if (string.IsNullOrEmpty(value))
            {
                errors.Add(new SendGridError("The content value must be a string at least one character in length.", $"content.{i}.value"));
            }
            else if (type.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
            {
                text = value;
            }
            else if (type.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            {
                html = value;
            }

            i++;
        }

        return (text, html);
    }

    private static Dictionary<string, string> CustomArgs(JsonElement owner) =>
        owner.TryGetProperty("custom_args", out var args) && args.ValueKind == JsonValueKind.Object
            ? args.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.ValueKind == JsonValueKind.String ? x.Value.GetString()! : x.Value.GetRawText())
            : [];

    private static string? Email(JsonElement address) =>
        address.ValueKind == JsonValueKind.Object && address.TryGetProperty("email", out var e) && e.ValueKind == JsonValueKind.String
            && MailAddress.TryCreate(e.GetString(), out var parsed) && parsed.Address == e.GetString()!.Trim()
            ? parsed.Address
            : null;

    private static IResult Errors(int status, params SendGridError[] errors) => Results.Json(new { errors }, statusCode: status);

    private sealed record MailRequest(List<Recipient> Recipients, string From, string Text, string Html, IReadOnlyList<string> Categories);

    private sealed record Recipient(string To, string Subject, Dictionary<string, string> CustomArgs);

    /// <summary>One error in SendGrid's error shape.</summary>
    private sealed record SendGridError(string Message, string? Field, string? Help = null);
}
