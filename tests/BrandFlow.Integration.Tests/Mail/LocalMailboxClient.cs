using System.Net.Http.Json;
using System.Text.Json;
using BrandFlow.Awards.Model;

namespace BrandFlow.Integration.Tests.Mail;

/// <summary>Reads the development mailbox's JSON API, as the journey tests do.</summary>
internal static class LocalMailboxClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<StoredMail>> MessagesToAsync(this HttpClient client, string to) =>
        await client.GetFromJsonAsync<List<StoredMail>>($"/dev/mailbox/api/messages?to={Uri.EscapeDataString(to)}", Json) ?? [];

    public static string UniqueAddress(string name) => $"{name}-{Guid.NewGuid():N}@example.test";
}
