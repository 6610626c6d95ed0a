using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Model;
using BrandFlow.Durable;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// Records one state change: read model(s), audit entry, mails. Safe to repeat: the read model keeps the highest
/// revision, the audit log and the mail sender ignore a key they have seen.
/// </summary>
public sealed class RecordStepActivity(AwardEnvironment env) : AwardActivity<StepRecord, bool>(env)
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, StepRecord input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var token = context.CancellationToken;
        if (input.Application is { } application)
        {
            await Env.Applications.SaveAsync(application, token);
        }

        if (input.Cycle is { } cycle)
        {
            await Env.Applications.SaveCycleAsync(cycle, token);
        }

        if (input.Audit is { } note)
        {
            await Env.Audit.AppendAsync(new AuditEntry(note.SubjectId, note.Action, note.Actor, input.At, note.Detail, note.Key), token);
        }

        foreach (var mail in input.Mails)
        {
            await MailOut.SendAsync(Env, mail, token);
        }

        return true;
    }
}

/// <summary>Resolves a mail request's recipients, composes each message in the recipient's language and sends it.</summary>
public static class MailOut
{
    /// <summary>Sends a request to its recipients (one address, or every staff member with the role).</summary>
    public static async Task SendAsync(AwardEnvironment env, MailRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(request);
        var recipients = new List<(string Email, string Language)>();
        if (request.To is { } to)
        {
            var user = await env.Directory.GetUserAsync(to, cancellationToken);
            recipients.Add((to.Trim().ToLowerInvariant(), user?.Language ?? "zh"));
        }

        if (request.ToRole is { } role)
        {
            foreach (var staff in await env.Directory.ListStaffAsync(role, request.ToDepartment, cancellationToken))
            {
                recipients.Add((staff.Email, staff.Language));
            }
        }

        var links = request.Links?.Select(l => (l.LabelZh, l.LabelEn, Url(env, l))).ToList();
        var values = Complete(request.Kind, request.Values);
        foreach (var (email, language) in recipients.DistinctBy(r => r.Email))
        {
            var mail = MailComposer.Compose(request.Kind, $"{request.Key}:{email}", email, language, values, links);
            await env.Mail.SendAsync(mail, cancellationToken);
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
    public static Uri Url(AwardEnvironment env, MailLink link)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(link);
        var url = new Uri(env.PublicBaseUri, link.Path);
        return link.Signed is null ? url : new Uri($"{url}?t={Uri.EscapeDataString(env.Links.Create(link.Signed))}");
    }
}
