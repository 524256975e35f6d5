using System.Text.Json.Nodes;

namespace ChineseLlm.Client.TestDoubles;

/// <summary>Compares JSON documents structurally (key order and whitespace do not matter).</summary>
public static class JsonAssert
{
    public static void Equal(string expected, string actual)
    {
        var e = JsonNode.Parse(expected);
        var a = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(e, a), $"JSON differs.{Environment.NewLine}Expected: {e?.ToJsonString()}{Environment.NewLine}Actual:   {a?.ToJsonString()}");
    }
}
