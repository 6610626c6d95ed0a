using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BrandFlow.Pages.Tests.Infrastructure;

/// <summary>Reads the development mailbox (the app's local SendGrid endpoint stores every message) and the links in it.</summary>
public static partial class Mailbox
{
    /// <summary>
    /// Waits for a message to an address whose text contains a link to <paramref name="path"/> (e.g. "/signin?t=")
    /// and returns the links, as paths on the app (the base address in mails is the configured public one).
    /// </summary>
    /// <remarks>With <paramref name="mentioning"/> only messages whose text contains it count (e.g. an application id, when
    /// the address also receives mail about other applications).</remarks>
    public static async Task<IReadOnlyList<string>> WaitForLinksAsync(BrowserApp app, string to, string path, int minimumMessages = 1, TimeSpan? timeout = null, string? mentioning = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var messages = await app.Http.GetFromJsonAsync<JsonElement>("/dev/mailbox/api/messages?to=" + Uri.EscapeDataString(to));
            var withLink = messages.EnumerateArray()
                .Select(m => m.GetProperty("htmlBody").GetString() + "\n" + m.GetProperty("textBody").GetString())
                .Where(text => text.Contains(path, StringComparison.Ordinal) && (mentioning is null || text.Contains(mentioning, StringComparison.Ordinal)))
                .ToList();
            if (withLink.Count >= minimumMessages)
            {
                // Newest first: the links of the latest message.
                return Link().Matches(withLink[0]).Select(m => new Uri(System.Net.WebUtility.HtmlDecode(m.Value)).PathAndQuery)
                    .Where(p => p.StartsWith(path, StringComparison.Ordinal)).Distinct().ToList();
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"no mail to {to} with a link to {path}");
            }

            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"https?://[^\s""'<>]+")]
    private static partial Regex Link();
}
