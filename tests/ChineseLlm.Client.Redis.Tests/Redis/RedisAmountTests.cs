namespace ChineseLlm.Client.Redis;

public sealed class RedisAmountTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("1.5", "1.5")]
    [InlineData("0.000000000000001", "0.000000000000001")]
    [InlineData("123456789.123456789012345", "123456789.123456789012345")]
    public void Format_ExactAmount_KeepsEveryDigit(string amount, string expected)
    {
        Assert.Equal(expected, RedisAmount.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), MidpointRounding.AwayFromZero));
    }

    [Fact]
    public void Format_FinerThanScale_RoundsInTheGivenDirection()
    {
        var amount = 0.0000000000000011m; // 1.1e-15

        Assert.Equal("0.000000000000002", RedisAmount.Format(amount, MidpointRounding.ToPositiveInfinity));
        Assert.Equal("0.000000000000001", RedisAmount.Format(amount, MidpointRounding.ToZero));
    }

    [Fact]
    public void Format_NegativeOrTooLarge_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RedisAmount.Format(-0.01m, MidpointRounding.AwayFromZero));
        Assert.Throws<ArgumentOutOfRangeException>(() => RedisAmount.Format(RedisAmount.Max + 1, MidpointRounding.AwayFromZero));
    }

    [Theory]
    [InlineData(null, "0")]
    [InlineData("", "0")]
    [InlineData("1.500000000000000", "1.5")]
    [InlineData("42.000000000000001", "42.000000000000001")]
    public void Parse_ScriptOutput_ReadsExactDecimal(string? stored, string expected)
    {
        var value = RedisAmount.Parse(stored);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(expected, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
