using Azure.Identity;
using Azure.Storage.Blobs;
using BrandFlow.Hosting;
using BrandFlow.Hosting.Access;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BrandFlow.Integration.Tests.Hosting;

/// <summary>The shared composition: one storage connection setting in two forms, settings checked at start, the shared key ring.</summary>
public sealed class CompositionTests
{
    [Fact]
    public void StorageConnection_FromAConnectionString_UsesItsEndpoints()
    {
        var connection = StorageConnection.FromConfiguration(Configuration(new() { ["BrandFlowStorage"] = Azurite.ConnectionString }))!;

        Assert.Equal(Azurite.ConnectionString, connection.ConnectionString);
        Assert.Null(connection.Credential);
        Assert.Equal(new BlobServiceClient(Azurite.ConnectionString).Uri, connection.BlobServiceUri);
        Assert.DoesNotContain("AccountKey", connection.Description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void StorageConnection_FromAnAccountNameAndManagedIdentity_IsIdentityBased()
    {
        var connection = StorageConnection.FromConfiguration(Configuration(new()
        {
            ["BrandFlowStorage:accountName"] = "stexample",
            ["BrandFlowStorage:credential"] = "managedidentity",
            ["BrandFlowStorage:clientId"] = Guid.NewGuid().ToString(),
        }))!;

        Assert.Null(connection.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        Assert.Equal(new Uri("https://stexample.blob.core.windows.net/"), connection.BlobServiceUri);
        Assert.Equal(new Uri("https://stexample.queue.core.windows.net/"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://stexample.table.core.windows.net/"), connection.TableServiceUri);
        Assert.Equal("stexample", connection.Blobs().AccountName);
        Assert.False(connection.Blobs().CanGenerateAccountSasUri);
    }

    [Fact]
    public void StorageConnection_WithoutSettings_IsNone_AndHalfGivenOrUnknownCredential_NamesTheSetting()
    {
        Assert.Null(StorageConnection.FromConfiguration(Configuration(new())));
        var half = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Configuration(new() { ["BrandFlowStorage:blobServiceUri"] = "https://x.blob.core.windows.net" })));
        Assert.Contains("BrandFlowStorage__queueServiceUri", half.Message, StringComparison.Ordinal);
        var kind = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Configuration(new() { ["BrandFlowStorage:accountName"] = "x", ["BrandFlowStorage:credential"] = "password" })));
        Assert.Contains("BrandFlowStorage__credential", kind.Message, StringComparison.Ordinal);
        var garbage = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Configuration(new() { ["BrandFlowStorage"] = "not a connection string" })));
        Assert.StartsWith("BrandFlowStorage 不是有效的存储连接字符串", garbage.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BrandFlowStorage", null, "BrandFlowStorage 未设置")]
    [InlineData("BrandFlow:Links:SigningKey", null, "BrandFlow__Links__SigningKey 未设置")]
    [InlineData("BrandFlow:Links:SigningKey", "c2hvcnQ=", "BrandFlow__Links__SigningKey 须为至少 32 字节")]
    [InlineData("BrandFlow:DataProtection:KeyEncryptionKey", null, "BrandFlow__DataProtection__KeyEncryptionKey 未设置")]
    [InlineData("BrandFlow:PublicBaseUrl", "http://brandflow.example", "须为 https")]
    [InlineData("BrandFlow:PublicBaseUrl", "brandflow.example", "须为 http(s) 绝对地址")]
    [InlineData("BrandFlow:TaskHub", "x", "BrandFlow__TaskHub")]
    [InlineData("BrandFlow:Worker:PartitionCount", "17", "BrandFlow__Worker__PartitionCount")]
    [InlineData("BrandFlow:Mail:ApiKey", null, "BrandFlow__Mail__ApiKey")]
    [InlineData("BrandFlow:Mail:LocalEndpoint", "true", "BrandFlow__Mail__LocalEndpoint 只能在本地主机开启")]
    public async Task AzureHost_WithABadOrMissingSetting_FailsStartNamingIt(string key, string? value, string expected)
    {
        var settings = AzureSettings();
        settings[key] = value;

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartSettingsAsync(settings, HostRequirements.Azure));

        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal) && f.Contains(" / ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AzureHost_WithEverySetting_Starts_AndLocalHostNeedsNoKeyRingKey()
    {
        await StartSettingsAsync(AzureSettings(), HostRequirements.Azure);
        var local = AzureSettings();
        local["BrandFlow:DataProtection:KeyEncryptionKey"] = null;
        local["BrandFlow:Mail:LocalEndpoint"] = "true";
        await StartSettingsAsync(local, HostRequirements.Local);
    }

    [Fact]
    public async Task KeyRing_InBlobStorage_IsSharedByHosts_EncryptedAtRest_AndUnreadableWithAnotherKey()
    {
        var container = "dp" + Guid.NewGuid().ToString("N")[..12];
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var first = KeyRingHost(container, key);
        using var second = KeyRingHost(container, key);

        var token = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("会话 session");
        Assert.Equal("会话 session", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(token));

        var ring = (await new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(container).GetBlobClient(KeyRing.BlobName).DownloadContentAsync()).Value.Content.ToString();
        Assert.True(ring.Contains("<encryptedKey", StringComparison.Ordinal), ring);
        Assert.DoesNotContain("<masterKey", ring, StringComparison.Ordinal);

        // A host with another key-encryption key cannot use the ring; reading a key with it says which setting differs.
        using var stranger = KeyRingHost(container, Convert.ToBase64String(new byte[32]));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => stranger.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(token));
        var encrypted = System.Xml.Linq.XDocument.Parse(ring.TrimStart('\uFEFF')).Descendants("encryptedKey").First();
        var refused = Assert.Throws<InvalidOperationException>(() => new KeyRing.KeyRingDecryptor(stranger.Services).Decrypt(encrypted));
        Assert.Contains("BrandFlow__DataProtection__KeyEncryptionKey", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(new KeyRing.KeyRingDecryptor(first.Services).Decrypt(encrypted).Name);
    }

    private static IHost KeyRingHost(string container, string key)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BrandFlowStorage"] = Azurite.ConnectionString,
            ["BrandFlow:DataProtection:KeyEncryptionKey"] = key,
            ["BrandFlow:DataProtection:Container"] = container,
        });
        builder.AddBrandFlowSettings(HostRequirements.Local);
        builder.AddBrandFlowKeyRing();
        return builder.Build();
    }

    private static Dictionary<string, string?> AzureSettings() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["BrandFlowStorage"] = Azurite.ConnectionString,
        ["BrandFlow:PublicBaseUrl"] = "https://app-example.azurewebsites.net",
        ["BrandFlow:Links:SigningKey"] = Convert.ToBase64String(new byte[32]),
        ["BrandFlow:DataProtection:KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
        ["BrandFlow:Mail:ApiKey"] = "SG.test",
    };

    private static async Task StartSettingsAsync(Dictionary<string, string?> settings, HostRequirements requirements)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddBrandFlowSettings(requirements);
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
