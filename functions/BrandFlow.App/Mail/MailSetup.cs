using Azure.Storage.Blobs;
using BrandFlow.Hosting;
using BrandFlow.Hosting.Mail;

namespace BrandFlow.App.Mail;

/// <summary>Registers and maps BrandFlow's email (SendGrid client, the local SendGrid-compatible endpoint and development mailbox).</summary>
/// <remarks>
/// Configuration: section "BrandFlow:Mail" (<see cref="MailOptions"/>) and "BrandFlow:Storage". Without storage nothing
/// storage-backed is registered (the policy-only app and CLI keep working); the local endpoint then answers 503.
/// </remarks>
public static partial class MailSetup
{
    /// <summary>Registers the sender (shared with every host) and, here only, the local endpoint's faults and mailbox store.</summary>
    public static WebApplicationBuilder AddBrandFlowMail(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBrandFlowMailSender();
        builder.Services.AddSingleton<LocalMailFaults>();
        var storage = builder.Configuration["BrandFlow:Storage"];
        if (!string.IsNullOrWhiteSpace(storage))
        {
            // MailOptions as bound once by AddBrandFlowMailSender.
            builder.Services.AddSingleton(sp => new MailboxStore(new BlobServiceClient(storage).GetBlobContainerClient(sp.GetRequiredService<MailOptions>().MailboxContainer)));
        }

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
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MailSetup));
        if (app.Services.GetService<MailboxStore>() is null)
        {
            LogNoStorage(logger);
        }
        else
        {
            LogLocalEndpoint(logger, MailboxEndpoints.Base);
        }

        return app;
    }

    [LoggerMessage(EventId = 5210, Level = LogLevel.Information, Message = "Local SendGrid endpoint on /v3/mail/send; development mailbox on {Mailbox}. It shows every message, sign-in links included: never enable it in Azure")]
    private static partial void LogLocalEndpoint(ILogger logger, string mailbox);

    [LoggerMessage(EventId = 5211, Level = LogLevel.Warning, Message = "BrandFlow:Mail:LocalEndpoint is on but BrandFlow:Storage is not set: the local endpoint and mailbox answer 503")]
    private static partial void LogNoStorage(ILogger logger);
}
