namespace BrandFlow.Policy.Tests;

public class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // the example printed in GB 32100-2015 guidance
    [InlineData("91421223AY4CL12T07")]
    [InlineData("51421200MJ935181XT")]
    [InlineData("11330105MB1234567N")]
    public void IsValid_WellFormedCode_True(string code) => Assert.True(CreditCode.IsValid(code));

    [Theory]
    [InlineData("91350100M000100Y44", "校验位")] // wrong check character
    [InlineData("91350100M000100Y4", "18位")] // too short
    [InlineData("91350100M000100Y433", "18位")] // too long
    [InlineData("91350100O000100Y43", "第9位")] // O is not in the alphabet
    [InlineData("91350100m000100Y43", "第9位")] // lower case
    [InlineData("", "18位")]
    [InlineData(null, "18位")]
    public void Check_InvalidCode_ExplainsInChineseAndEnglish(string? code, string expectedZh)
    {
        var message = CreditCode.Check(code);
        Assert.NotNull(message);
        Assert.Contains(expectedZh, message, StringComparison.Ordinal);
        Assert.Contains(" / ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckCharacter_SwappingTwoCharacters_ChangesCheck()
    {
        Assert.NotEqual(CreditCode.CheckCharacter("91350100M000100Y4"), CreditCode.CheckCharacter("91350100M000010Y4"));
    }
}
