using System.Security.Cryptography;
using System.Text;

namespace BrandFlow.Durable.Core;

/// <summary>Name-based UUID version 5 (RFC 4122, SHA-1), used for replay-safe GUIDs.</summary>
internal static class DeterministicGuid
{
    /// <summary>The RFC 4122 URL namespace; names are "instance id _ current time _ counter".</summary>
    private static readonly Guid UrlNamespace = new("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    /// <summary>Creates the UUID v5 of a name in the URL namespace.</summary>
    public static Guid Create(string name)
    {
        Span<byte> namespaceBytes = stackalloc byte[16];
        UrlNamespace.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] buffer = new byte[16 + nameBytes.Length];
        namespaceBytes.CopyTo(buffer);
        nameBytes.CopyTo(buffer, 16);

        // SHA-1 is mandated by RFC 4122 for version 5 UUIDs; it is not used for security here.
#pragma warning disable CA5350
        byte[] hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
