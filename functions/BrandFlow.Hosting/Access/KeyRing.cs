using System.Security.Cryptography;
using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace BrandFlow.Hosting.Access;

/// <summary>
/// The ASP.NET data-protection key ring (it protects session cookies and anti-forgery tokens) shared by every instance of
/// every BrandFlow host: kept in one blob of the storage account and encrypted at rest with a key held in Key Vault
/// (<c>BrandFlow__DataProtection__KeyEncryptionKey</c>, a Key Vault reference in Azure). The packages that do this
/// (Azure.Extensions.AspNetCore.DataProtection.Blobs/.Keys) are not served here, so this is written against ASP.NET's
/// extension points: <see cref="IXmlRepository"/>, <see cref="IXmlEncryptor"/>, <see cref="IXmlDecryptor"/>.
/// </summary>
public static class KeyRing
{
    /// <summary>Name of the blob holding the key ring.</summary>
    public const string BlobName = "keys.xml";

    /// <summary>
    /// Registers data protection under one application name. With a key-encryption key configured, the key ring is kept in
    /// Blob Storage and encrypted with it (the validation of <see cref="BrandFlowOptions"/> requires the key in Azure).
    /// </summary>
    public static IHostApplicationBuilder AddBrandFlowKeyRing(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection().SetApplicationName("BrandFlow");
        builder.Services.AddSingleton<KeyEncryptionKey>();
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((management, services) =>
        {
            var options = services.GetRequiredService<BrandFlowOptions>();
            if (string.IsNullOrWhiteSpace(options.DataProtection.KeyEncryptionKey))
            {
                return;
            }

            var connection = services.GetRequiredService<StorageConnection>();
            management.XmlRepository = new BlobXmlRepository(connection.Blobs().GetBlobContainerClient(options.DataProtection.Container));
            management.XmlEncryptor = new KeyRingEncryptor(services.GetRequiredService<KeyEncryptionKey>());
        });
        return builder;
    }

    /// <summary>The configured key-encryption key (32 bytes).</summary>
    public sealed class KeyEncryptionKey(IOptions<BrandFlowOptions> options)
    {
        private readonly Lazy<byte[]> key = new(() =>
            Convert.FromBase64String(options.Value.DataProtection.KeyEncryptionKey
                ?? throw new InvalidOperationException("BrandFlow__DataProtection__KeyEncryptionKey 未设置 / BrandFlow__DataProtection__KeyEncryptionKey is not set")));

        /// <summary>The key's bytes.</summary>
        internal byte[] Bytes => this.key.Value;
    }

    /// <summary>
    /// Encrypts each key element with AES-256-GCM under the key-encryption key; the output names
    /// <see cref="KeyRingDecryptor"/>, which ASP.NET creates to read it back.
    /// </summary>
    internal sealed class KeyRingEncryptor(KeyEncryptionKey key) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement)
        {
            ArgumentNullException.ThrowIfNull(plaintextElement);
            var plain = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
            var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
            var tag = new byte[AesGcm.TagByteSizes.MaxSize];
            var cipher = new byte[plain.Length];
            using (var aes = new AesGcm(key.Bytes, tag.Length))
            {
                aes.Encrypt(nonce, plain, cipher, tag);
            }

            var element = new XElement(
                "encryptedKey",
                new XComment(" Encrypted with BrandFlow__DataProtection__KeyEncryptionKey (AES-256-GCM). "),
                new XElement("nonce", Convert.ToBase64String(nonce)),
                new XElement("tag", Convert.ToBase64String(tag)),
                new XElement("value", Convert.ToBase64String(cipher)));
            return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
        }
    }

    /// <summary>Decrypts what <see cref="KeyRingEncryptor"/> wrote; ASP.NET creates it with the application's services.</summary>
    public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
    {
        /// <inheritdoc/>
        public XElement Decrypt(XElement encryptedElement)
        {
            ArgumentNullException.ThrowIfNull(encryptedElement);
            var key = services.GetRequiredService<KeyEncryptionKey>();
            var nonce = Convert.FromBase64String((string?)encryptedElement.Element("nonce") ?? string.Empty);
            var tag = Convert.FromBase64String((string?)encryptedElement.Element("tag") ?? string.Empty);
            var cipher = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? string.Empty);
            var plain = new byte[cipher.Length];
            try
            {
                using var aes = new AesGcm(key.Bytes, tag.Length);
                aes.Decrypt(nonce, cipher, tag, plain);
            }
            catch (CryptographicException ex)
            {
                throw new InvalidOperationException(
                    "数据保护密钥无法解密：BrandFlow__DataProtection__KeyEncryptionKey 与加密时不同 / The data-protection key ring cannot be decrypted: BrandFlow__DataProtection__KeyEncryptionKey differs from the one it was encrypted with",
                    ex);
            }

            return XElement.Parse(System.Text.Encoding.UTF8.GetString(plain));
        }
    }

    /// <summary>
    /// The key ring as one XML blob, updated with optimistic concurrency (ETag), so two instances creating a key at the
    /// same moment both keep theirs.
    /// </summary>
    internal sealed class BlobXmlRepository(BlobContainerClient container) : IXmlRepository
    {
        private const int MaxAttempts = 10;
        private readonly BlobClient blob = container.GetBlobClient(BlobName);
        private bool containerExists;

        public IReadOnlyCollection<XElement> GetAllElements() => this.Read().Document?.Root?.Elements().ToList() ?? [];

        public void StoreElement(XElement element, string friendlyName)
        {
            ArgumentNullException.ThrowIfNull(element);
            for (var attempt = 1; ; attempt++)
            {
                var (document, etag) = this.Read();
                document ??= new XDocument(new XElement("repository"));
                document.Root!.Add(new XElement(element));
                using var content = new MemoryStream();
                document.Save(content, SaveOptions.DisableFormatting);
                content.Position = 0;
                var conditions = etag is { } known ? new BlobRequestConditions { IfMatch = known } : new BlobRequestConditions { IfNoneMatch = ETag.All };
                try
                {
                    this.blob.Upload(content, new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" } });
                    return;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
                {
                    // Another instance wrote first: read its version and add this element to it.
                }
            }
        }

        private (XDocument? Document, ETag? ETag) Read()
        {
            if (!this.containerExists)
            {
                container.CreateIfNotExists();
                this.containerExists = true;
            }

            try
            {
                var download = this.blob.DownloadContent();
                using var stream = download.Value.Content.ToStream();
                return (XDocument.Load(stream), download.Value.Details.ETag);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return (null, null);
            }
        }
    }
}
