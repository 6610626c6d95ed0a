using Azure.Data.Tables;
using BrandFlow.Awards.Ports;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BrandFlow.Hosting.Mail;

/// <summary>Registers outgoing mail: the SendGrid client, its sent log and failure log (section "BrandFlow:Mail").</summary>
public static class MailSenderSetup
{
    /// <summary>
    /// Registers <see cref="MailOptions"/> always and, with "BrandFlow:Storage" set, the sender and its logs. Without
    /// storage nothing storage-backed is registered (the policy-only app and CLI keep working).
    /// </summary>
    public static IHostApplicationBuilder AddBrandFlowMailSender(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection("BrandFlow:Mail").Get<MailOptions>() ?? new MailOptions();
        var storage = builder.Configuration["BrandFlow:Storage"];
        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        if (string.IsNullOrWhiteSpace(storage))
        {
            return builder;
        }

        // Factories, so a malformed connection string fails the first send rather than start-up.
        builder.Services.AddSingleton(_ => new MailSentLog(new TableServiceClient(storage).GetTableClient(options.SentTable)));
        builder.Services.AddSingleton(sp => new TableMailFailureLog(new TableServiceClient(storage).GetTableClient(options.FailureTable), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IMailFailureLog>(sp => sp.GetRequiredService<TableMailFailureLog>());
        builder.Services.AddSingleton<IMailSender, SendGridMailSender>();
        return builder;
    }
}
