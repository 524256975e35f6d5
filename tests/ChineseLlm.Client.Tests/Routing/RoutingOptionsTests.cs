namespace ChineseLlm.Client.Routing;

public sealed class RoutingOptionsTests
{
    [Fact]
    public void Constructor_Defaults_AreDocumentedValues()
    {
        var options = new RoutingOptions();

        Assert.Equal(ModelTier.Standard, options.DefaultTier);
        Assert.Equal(1_024, options.ExpectedOutputTokens);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Cooldown);
        Assert.Null(options.MaxAttempts);
        Assert.Null(options.Budget.Limit);
        Assert.Equal(BudgetPeriod.Month, options.Budget.Period);
        Assert.Empty(options.Validate("ChineseLlm:Routing"));
    }

    [Fact]
    public void Validate_BadValues_NameEachKey()
    {
        var options = new RoutingOptions
        {
            DefaultTier = (ModelTier)9,
            ExpectedOutputTokens = 0,
            Cooldown = TimeSpan.FromSeconds(-1),
            MaxAttempts = 0,
            Budget = new RoutingBudgetOptions { Limit = 0m, Period = (BudgetPeriod)7 },
        };

        var problems = options.Validate("ChineseLlm:Routing");

        Assert.Equal(
        [
            "ChineseLlm:Routing:DefaultTier must be one of Lite, Standard, Advanced, Flagship (got 9).",
            "ChineseLlm:Routing:ExpectedOutputTokens must be between 1 and 1000000 (got 0).",
            "ChineseLlm:Routing:Cooldown must be between 00:00:00 (off) and 7.00:00:00 (got -00:00:01).",
            "ChineseLlm:Routing:MaxAttempts must be at least 1 when set (got 0).",
            "ChineseLlm:Routing:Budget:Limit must be greater than zero when set (got 0).",
            "ChineseLlm:Routing:Budget:Period must be one of Day, Week, Month (got 7).",
        ],
        problems);
    }

    [Fact]
    public void Validate_NullBudget_IsReported()
    {
        Assert.Equal(["X:Budget must not be null."], new RoutingOptions { Budget = null! }.Validate("X"));
    }
}
