using BrandFlow.Awards.Ports;

namespace BrandFlow.Hosting.Mail;

/// <summary>Registers outgoing mail: the SendGrid client, its sent log and failure log (section "BrandFlow:Mail").</summary>
public static class MailSenderSetup
{
    /// <summary>
    /// Registers the sender and its logs on the storage connection; <see cref="MailOptions"/> are bound and validated by
    /// <see cref="BrandFlowComposition.AddBrandFlow"/> (in production a missing SendGrid key stops start-up).
    /// </summary>
    public static IHostApplicationBuilder AddBrandFlowMailSender(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp => new MailSentLog(
            sp.GetRequiredService<StorageConnection>().Tables().GetTableClient(sp.GetRequiredService<MailOptions>().SentTable)));
        builder.Services.AddSingleton(sp => new TableMailFailureLog(
            sp.GetRequiredService<StorageConnection>().Tables().GetTableClient(sp.GetRequiredService<MailOptions>().FailureTable), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IMailFailureLog>(sp => sp.GetRequiredService<TableMailFailureLog>());
        builder.Services.AddSingleton<IMailSender, SendGridMailSender>();
        return builder;
    }
}
