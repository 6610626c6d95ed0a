using Azure;
using Microsoft.Extensions.Options;

namespace BrandFlow.Cli;

/// <summary>What the command line tells an operator about a failure: the message, never a stack trace or type name.</summary>
internal static class CliText
{
    /// <summary>A one-line (settings: one line each) description of <paramref name="exception"/>.</summary>
    public static string Message(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join(Environment.NewLine + "  ", invalid.Failures.Prepend("配置无效 / invalid settings:")),
        RequestFailedException storage => $"存储请求失败（{storage.Status} {storage.ErrorCode}） / a storage request failed ({storage.Status} {storage.ErrorCode})",
        AggregateException { InnerExceptions.Count: 1 } single => Message(single.InnerExceptions[0]),
        _ when exception.InnerException is OptionsValidationException inner => Message(inner),
        _ => exception.Message,
    };
}
