using BrandFlow.Awards.Access;
using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.Workflow;

/// <summary>Resolves a mail request's recipients, composes each message in the recipient's language and sends it.</summary>
public sealed class MailOut(IDirectory directory, IMailSender sender, SignedLinks links, WorkflowLinks baseAddress)
{
    /// <summary>Sends a request to its recipients (one address, or every staff member with the role).</summary>
    public async Task SendAsync(MailRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var recipients = new List<(string Email, string Language)>();
        if (request.To is { } to)
        {
            var user = await directory.GetUserAsync(to, cancellationToken);
            recipients.Add((to.Trim().ToLowerInvariant(), user?.Language ?? "zh"));
        }

        if (request.ToRole is { } role)
        {
            foreach (var staff in await directory.ListStaffAsync(role, request.ToDepartment, cancellationToken))
            {
                recipients.Add((staff.Email, staff.Language));
            }
        }

        var urls = request.Links?.Select(l => (l.LabelZh, l.LabelEn, Url(l))).ToList();
        var values = Complete(request.Kind, request.Values);
        foreach (var (email, language) in recipients.DistinctBy(r => r.Email))
        {
            var mail = MailComposer.Compose(request.Kind, $"{request.Key}:{email}", email, language, values, urls);
            await sender.SendAsync(mail, cancellationToken);
        }
    }

    /// <summary>
    /// The values with every placeholder of the kind present: a value the step did not know is shown as "—" rather than
    /// failing the step (a failing mail would stop the workflow); tests assert the real values are given.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Complete(MailKind kind, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var complete = new Dictionary<string, string>(values, StringComparer.Ordinal);
        foreach (var name in MailComposer.PlaceholdersOf(kind).Where(n => !complete.ContainsKey(n) && !complete.ContainsKey(n + ".zh")))
        {
            complete[name] = "—";
        }

        return complete;
    }

    /// <summary>The absolute URL of a link: base address + path, with the signed token as ?t= when it has claims.</summary>
    public Uri Url(MailLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var url = new Uri(baseAddress.PublicBaseUri, link.Path);
        return link.Signed is null ? url : new Uri($"{url}?t={Uri.EscapeDataString(links.Create(link.Signed))}");
    }
}
