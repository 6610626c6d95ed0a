using BrandFlow.Awards.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// Mails one page of the registered firms of a jurisdiction (cycle opened, deadline reminder), in credit-code order;
/// one key per firm, so a rerun mails nobody twice.
/// </summary>
public sealed class MailFirmsActivity(IDirectory directory, MailOut mail, ILogger<MailFirmsActivity> logger) : TaskActivity<FirmMailing, FirmMailingPage>
{
    /// <inheritdoc />
    public override async Task<FirmMailingPage> RunAsync(TaskActivityContext context, FirmMailing input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var remaining = (await directory.ListFirmsAsync(input.Jurisdiction, CancellationToken.None))
            .Where(f => input.After is null || string.CompareOrdinal(f.CreditCode, input.After) > 0)
            .OrderBy(f => f.CreditCode, StringComparer.Ordinal)
            .ToList();
        var page = input.Take > 0 ? remaining.Take(input.Take).ToList() : remaining;
        foreach (var firm in page)
        {
            var values = new Dictionary<string, string>(input.Values, StringComparer.Ordinal) { ["firmName"] = firm.Name };
            await mail.SendAsync(new MailRequest(input.Kind, input.Key, firm.ContactEmail, null, null, values), CancellationToken.None);
        }

        WorkflowLog.FirmsMailed(logger, page.Count, input.Jurisdiction, input.Kind.ToString());
        return new FirmMailingPage(page.Count, page.Count > 0 ? page[^1].CreditCode : input.After, page.Count < remaining.Count);
    }
}
