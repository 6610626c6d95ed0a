using System.Text.RegularExpressions;
using BrandFlow.Hosting.Mail;
using Microsoft.Extensions.Options;

namespace BrandFlow.Hosting;

/// <summary>
/// Checks BrandFlow's settings when a host starts (ValidateOnStart), so a missing or malformed setting stops start-up
/// with its name (as an environment variable, the way Azure app settings spell it) instead of switching a feature off
/// or failing the first request. Messages are Chinese first, English second.
/// </summary>
public sealed partial class BrandFlowOptionsValidation(IConfiguration configuration, IHostEnvironment environment, HostRequirements requirements)
    : IValidateOptions<BrandFlowOptions>, IValidateOptions<MailOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, BrandFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        try
        {
            if (StorageConnection.FromConfiguration(configuration) is null)
            {
                failures.Add($"{StorageConnection.Name} 未设置（存储连接字符串，或 {StorageConnection.Name}__accountName） / {StorageConnection.Name} is not set (a storage connection string, or {StorageConnection.Name}__accountName)");
            }
        }
        catch (InvalidOperationException ex)
        {
            failures.Add(ex.Message);
        }

        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var site) || (site.Scheme != Uri.UriSchemeHttps && site.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"BrandFlow__PublicBaseUrl 须为 http(s) 绝对地址：“{options.PublicBaseUrl}” / BrandFlow__PublicBaseUrl must be an absolute http(s) URL: \"{options.PublicBaseUrl}\"");
        }
        else if (environment.IsProduction() && site.Scheme != Uri.UriSchemeHttps && !site.IsLoopback)
        {
            failures.Add($"生产环境 BrandFlow__PublicBaseUrl 须为 https：“{options.PublicBaseUrl}” / In production BrandFlow__PublicBaseUrl must be https: \"{options.PublicBaseUrl}\"");
        }

        if (!TaskHubPattern().IsMatch(options.TaskHub ?? string.Empty))
        {
            failures.Add($"BrandFlow__TaskHub 须为 3–45 个字母或数字且以字母开头：“{options.TaskHub}” / BrandFlow__TaskHub must be 3–45 letters or digits starting with a letter: \"{options.TaskHub}\"");
        }

        if (!PrefixPattern().IsMatch(options.StoragePrefix ?? string.Empty))
        {
            failures.Add($"BrandFlow__StoragePrefix 须为 1–20 个小写字母或数字且以字母开头：“{options.StoragePrefix}” / BrandFlow__StoragePrefix must be 1–20 lower-case letters or digits starting with a letter: \"{options.StoragePrefix}\"");
        }

        ValidateKey(failures, "BrandFlow__Links__SigningKey", options.Links.SigningKey, minimumBytes: 32, required: requirements.SendsMail && environment.IsProduction(), exactBytes: false);
        ValidateKey(failures, "BrandFlow__DataProtection__KeyEncryptionKey", options.DataProtection.KeyEncryptionKey, minimumBytes: 32, required: requirements.SharedKeyRing, exactBytes: true);

        if (options.Worker.MaxPollingMilliseconds < 100)
        {
            failures.Add($"BrandFlow__Worker__MaxPollingMilliseconds 至少为 100：{options.Worker.MaxPollingMilliseconds} / BrandFlow__Worker__MaxPollingMilliseconds must be at least 100: {options.Worker.MaxPollingMilliseconds}");
        }

        if (options.Worker.PartitionCount is < 1 or > 16)
        {
            failures.Add($"BrandFlow__Worker__PartitionCount 须在 1 到 16 之间：{options.Worker.PartitionCount} / BrandFlow__Worker__PartitionCount must be between 1 and 16: {options.Worker.PartitionCount}");
        }

        if (options.Worker.ControlQueueVisibilitySeconds < 0 || options.Worker.WorkItemVisibilitySeconds < 0)
        {
            failures.Add("BrandFlow__Worker__ControlQueueVisibilitySeconds 和 WorkItemVisibilitySeconds 不能为负数 / BrandFlow__Worker__ControlQueueVisibilitySeconds and WorkItemVisibilitySeconds cannot be negative");
        }

        if (options.Maintenance.WorkflowHistoryDays is < 1 or > 3650)
        {
            failures.Add($"BrandFlow__Maintenance__WorkflowHistoryDays 须在 1 到 3650 之间：{options.Maintenance.WorkflowHistoryDays} / BrandFlow__Maintenance__WorkflowHistoryDays must be between 1 and 3650: {options.Maintenance.WorkflowHistoryDays}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (requirements.SendsMail && environment.IsProduction() && string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("生产环境须设置 BrandFlow__Mail__ApiKey（SendGrid 密钥） / BrandFlow__Mail__ApiKey (the SendGrid key) is required in production");
        }

        if (!string.IsNullOrWhiteSpace(options.Host) && !Uri.TryCreate(options.Host, UriKind.Absolute, out _))
        {
            failures.Add($"BrandFlow__Mail__Host 须为绝对地址：“{options.Host}” / BrandFlow__Mail__Host must be an absolute URL: \"{options.Host}\"");
        }

        if (string.IsNullOrWhiteSpace(options.From) || !options.From.Contains('@', StringComparison.Ordinal))
        {
            failures.Add($"BrandFlow__Mail__From 须为邮件地址：“{options.From}” / BrandFlow__Mail__From must be an email address: \"{options.From}\"");
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            failures.Add($"BrandFlow__Mail__MaxAttempts 须在 1 到 10 之间：{options.MaxAttempts} / BrandFlow__Mail__MaxAttempts must be between 1 and 10: {options.MaxAttempts}");
        }

        if (options.LocalEndpoint && !requirements.DevelopmentPartsAllowed)
        {
            failures.Add("BrandFlow__Mail__LocalEndpoint 只能在本地主机开启 / BrandFlow__Mail__LocalEndpoint can only be turned on in the local host");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateKey(List<string> failures, string setting, string? value, int minimumBytes, bool required, bool exactBytes)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                failures.Add($"{setting} 未设置 / {setting} is not set");
            }

            return;
        }

        var bytes = KeyBytes(value, allowText: !exactBytes);
        if (bytes is null || bytes.Length < minimumBytes || (exactBytes && bytes.Length != minimumBytes))
        {
            var expected = exactBytes ? $"恰好 {minimumBytes} 字节的 base64" : $"至少 {minimumBytes} 字节";
            var expectedEn = exactBytes ? $"base64 of exactly {minimumBytes} bytes" : $"at least {minimumBytes} bytes";
            failures.Add($"{setting} 须为{expected} / {setting} must be {expectedEn}");
        }
    }

    /// <summary>The bytes of a configured key: base64, or (where text is allowed) the UTF-8 bytes of the text.</summary>
    public static byte[]? KeyBytes(string value, bool allowText)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return allowText ? System.Text.Encoding.UTF8.GetBytes(value) : null;
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubPattern();

    [GeneratedRegex("^[a-z][a-z0-9]{0,19}$")]
    private static partial Regex PrefixPattern();
}

/// <summary>What a host requires beyond the common settings; each host registers one (the local host the defaults).</summary>
/// <param name="SharedKeyRing">The data-protection key ring must be shared (Azure: several instances, two apps).</param>
/// <param name="DevelopmentPartsAllowed">Development-only parts (local SendGrid endpoint, mailbox) may be turned on.</param>
/// <param name="SendsMail">The host signs links and sends mail, so in production the signing and SendGrid keys are required.</param>
public sealed record HostRequirements(bool SharedKeyRing, bool DevelopmentPartsAllowed, bool SendsMail = true)
{
    /// <summary>The Azure hosts (Functions app, web app): shared key ring, no development parts.</summary>
    public static HostRequirements Azure { get; } = new(SharedKeyRing: true, DevelopmentPartsAllowed: false);

    /// <summary>The local host.</summary>
    public static HostRequirements Local { get; } = new(SharedKeyRing: false, DevelopmentPartsAllowed: true);

    /// <summary>
    /// The command line: it starts workflows and writes the directory, but sends no mail and signs no link itself (the
    /// worker of the Function App or the local host does), so an operator needs only the storage connection. It serves
    /// nothing, so the local host's development settings it is run with (scripts/start.sh) do nothing in it.
    /// </summary>
    public static HostRequirements CommandLine { get; } = new(SharedKeyRing: false, DevelopmentPartsAllowed: true, SendsMail: false);
}
