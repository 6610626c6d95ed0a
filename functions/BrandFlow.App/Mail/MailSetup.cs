using BrandFlow.Hosting;
using BrandFlow.Hosting.Mail;

namespace BrandFlow.App.Mail;

/// <summary>Registers and maps BrandFlow's email (SendGrid client, the local SendGrid-compatible endpoint and development mailbox).</summary>
/// <remarks>Configuration: section "BrandFlow:Mail" (<see cref="MailOptions"/>, bound and validated by the shared composition).</remarks>
public static partial class MailSetup
{
    /// <summary>Registers, here only, the local endpoint's faults and the mailbox store (the sender is the shared composition's).</summary>
    public static WebApplicationBuilder AddBrandFlowMail(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<LocalMailFaults>();
        builder.Services.AddSingleton(sp => new MailboxStore(
            sp.GetRequiredService<StorageConnection>().Blobs().GetBlobContainerClient(sp.GetRequiredService<MailOptions>().MailboxContainer)));
        return builder;
    }

    /// <summary>Maps the endpoints: the local SendGrid endpoint and the development mailbox, only when BrandFlow:Mail:LocalEndpoint is true.</summary>
    public static WebApplication MapBrandFlowMail(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<MailOptions>();
        if (!options.LocalEndpoint)
        {
            return app;
        }

        LocalSendGridEndpoint.Map(app);
        MailboxEndpoints.Map(app);
        LogLocalEndpoint(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MailSetup)), MailboxEndpoints.Base);

        return app;
    }

    [LoggerMessage(EventId = 5210, Level = LogLevel.Information, Message = "Local SendGrid endpoint on /v3/mail/send; development mailbox on {Mailbox}. It shows every message, sign-in links included: never enable it in Azure")]
    private static partial void LogLocalEndpoint(ILogger logger, string mailbox);
}
