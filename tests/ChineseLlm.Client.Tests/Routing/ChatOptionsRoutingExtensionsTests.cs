using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Routing;

public sealed class ChatOptionsRoutingExtensionsTests
{
    [Fact]
    public void WithTier_ThenGetTier_RoundTripsAndChains()
    {
        var options = new ChatOptions();

        var returned = options.WithTier(ModelTier.Advanced);

        Assert.Same(options, returned);
        Assert.Equal(ModelTier.Advanced, options.GetTier());
        Assert.Equal("Advanced", options.AdditionalProperties![ChatOptionsRoutingExtensions.TierKey]);
        Assert.Equal(ModelTier.Flagship, options.WithTier(ModelTier.Flagship).GetTier());
    }

    [Fact]
    public void GetTier_NothingSet_ReturnsNull()
    {
        Assert.Null(((ChatOptions?)null).GetTier());
        Assert.Null(new ChatOptions().GetTier());
    }

    [Fact]
    public void GetTier_ClonedOrSerializedOptions_StillReadable()
    {
        var options = new ChatOptions().WithTier(ModelTier.Lite);
        var element = JsonDocument.Parse("\"Lite\"").RootElement;

        Assert.Equal(ModelTier.Lite, options.Clone().GetTier());
        Assert.Equal(ModelTier.Lite, new ChatOptions { AdditionalProperties = new() { [ChatOptionsRoutingExtensions.TierKey] = element } }.GetTier());
        Assert.Equal(ModelTier.Standard, new ChatOptions { AdditionalProperties = new() { [ChatOptionsRoutingExtensions.TierKey] = ModelTier.Standard } }.GetTier());
    }

    [Fact]
    public void WithTierAndGetTier_InvalidInput_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ((ChatOptions)null!).WithTier(ModelTier.Lite));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChatOptions().WithTier((ModelTier)42));
        var bad = new ChatOptions { AdditionalProperties = new() { [ChatOptionsRoutingExtensions.TierKey] = "Premium" } };
        Assert.Throws<ArgumentException>(() => bad.GetTier());
        var numeric = new ChatOptions { AdditionalProperties = new() { [ChatOptionsRoutingExtensions.TierKey] = "2" } };
        Assert.Throws<ArgumentException>(() => numeric.GetTier());
    }
}
