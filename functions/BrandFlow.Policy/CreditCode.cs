namespace BrandFlow.Policy;

/// <summary>
/// The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a 31-character
/// alphabet without I, O, S, V and Z; the last character is a check character over the first 17.
/// </summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // Weight of position i is 3^i mod 31 (GB 32100-2015, 5.2).
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Whether the code has 18 valid characters and a correct check character.</summary>
    public static bool IsValid(string? code) => Check(code) is null;

    /// <summary>Returns null when valid, otherwise the reason in Chinese and English.</summary>
    public static string? Check(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length != 18)
        {
            return "统一社会信用代码应为18位 / a unified social credit code has 18 characters";
        }

        for (var i = 0; i < 18; i++)
        {
            if (Alphabet.IndexOf(code[i], StringComparison.Ordinal) < 0)
            {
                return $"统一社会信用代码第{i + 1}位“{code[i]}”不是有效字符（不含I、O、S、V、Z，字母须大写） / character {i + 1} '{code[i]}' is not allowed (no I, O, S, V, Z; upper case only)";
            }
        }

        var expected = CheckCharacter(code.AsSpan(0, 17));
        return code[17] == expected
            ? null
            : $"统一社会信用代码校验位错误：应为“{expected}” / the check character is wrong: expected '{expected}'";
    }

    /// <summary>Computes the check character for the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("17 characters are required", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not a credit-code character", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }
}
