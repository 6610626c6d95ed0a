using BrandFlow.Durable;

namespace BrandFlow.Awards.Workflow;

/// <summary>Mails every registered firm of a jurisdiction (cycle opened, deadline reminder); one key per firm, so a rerun mails nobody twice.</summary>
public sealed class MailFirmsActivity(AwardEnvironment env) : AwardActivity<FirmMailing, int>(env)
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, FirmMailing input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var firms = await Env.Directory.ListFirmsAsync(input.Jurisdiction, context.CancellationToken);
        foreach (var firm in firms)
        {
            var values = new Dictionary<string, string>(input.Values, StringComparer.Ordinal) { ["firmName"] = firm.Name };
            await MailOut.SendAsync(Env, new MailRequest(input.Kind, input.Key, firm.ContactEmail, null, null, values), context.CancellationToken);
        }

        return firms.Count;
    }
}
