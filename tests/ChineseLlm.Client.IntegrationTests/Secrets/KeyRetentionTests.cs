namespace ChineseLlm.Client.Secrets;

/// <summary>
/// Where the platform allows, keys are not kept in strings: a client keeps exactly one text copy of a credential
/// that travels as header text (the <c>Authorization</c> value; .NET's HTTP headers take only strings), and HMAC
/// secrets (TC3 SecretKey, GLM's id.secret) only as bytes. The client keeps no reference to the options object, so the
/// copy in the options lives only as long as the caller (or the configuration system) keeps it.
/// </summary>
public sealed class KeyRetentionTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Faults.ProviderProfiles.Keys), MemberType = typeof(Faults.ProviderProfiles))]
    public void Client_HoldsSecretsAsTextOnlyWhereTheWireNeedsThem(string provider)
    {
        var profile = Faults.ProviderProfiles.Get(provider);
        using var client = profile.CreateClient(new Uri("http://127.0.0.1:1"));

        var strings = ObjectGraph.Strings(client);

        Assert.True(strings.Count > 10, "the walk reached the client's state");
        output.WriteLine($"{strings.Count} strings; credential text at: " +
            string.Join(", ", strings.Where(s => profile.SecretValues.Any(v => s.Value.Contains(v, StringComparison.Ordinal))).Select(s => s.Path)));
        foreach (var secret in profile.SecretValues.Where(s => !profile.HeldAsText.Contains(s)))
        {
            var holders = strings.Where(s => s.Value.Contains(secret, StringComparison.Ordinal)).Select(s => s.Path).ToList();
            Assert.True(holders.Count == 0, $"a secret that is only key material is held as text at {string.Join(", ", holders)}");
        }

        foreach (var secret in profile.HeldAsText)
        {
            var holders = strings.Where(s => s.Value.Contains(secret, StringComparison.Ordinal)).Select(s => s.Path).ToList();
            Assert.True(holders.Count <= 1, $"one text copy of a header credential is needed, found {holders.Count}: {string.Join(", ", holders)}");
        }
    }
}
