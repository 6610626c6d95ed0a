using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BrandFlow.Awards.AzureStorage.Internal;

/// <summary>
/// Turns ids (emails, identifiers, free-form keys) into valid partition and row keys: the characters Azure Tables
/// forbids (/ \ # ? and control characters), plus '%' (the escape) and '|' (our partition separator), become %XX
/// (UTF-8 bytes). Readable for ordinary ids, reversible, and never colliding with "kind|..." partitions.
/// </summary>
internal static class StorageKeys
{
    private const int MaxKeyChars = 480;

    /// <summary>The key form of an id; overly long ids keep a readable head and a SHA-256 tail.</summary>
    public static string Encode(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' or '|' || char.IsControl(c))
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Length <= MaxKeyChars ? builder.ToString() : $"{builder.ToString(0, 400)}~{Hash(value)}";
    }

    /// <summary>A partition key "kind|{encoded id}".</summary>
    public static string Partition(string kind, string id) => $"{kind}|{Encode(id)}";

    /// <summary>Lower-case hex SHA-256 of a string's UTF-8 bytes.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
