using System.Globalization;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>Ids in each provider's own format (random; only their shape matters).</summary>
internal static class WireIds
{
    private const string Alphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A UUID such as DeepSeek chat ids and DashScope request ids.</summary>
    public static string Uuid() => Guid.NewGuid().ToString("D");

    /// <summary><paramref name="length"/> lowercase hex digits.</summary>
    public static string Hex(int length)
    {
        var hex = string.Concat(Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        return hex[..Math.Min(length, hex.Length)];
    }

    /// <summary><paramref name="length"/> characters from <c>[a-z0-9]</c>, or mixed case with <paramref name="mixedCase"/>.</summary>
    public static string Alnum(int length, bool mixedCase = false)
    {
        var bytes = Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray();
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            var c = Alphanumeric[bytes[i % bytes.Length] % Alphanumeric.Length];
            chars[i] = mixedCase && (bytes[(i + 7) % bytes.Length] & 1) == 1 ? char.ToUpperInvariant(c) : c;
        }

        return new string(chars);
    }

    /// <summary>A Volcengine Ark id: <c>021</c>, the time in milliseconds, then hex.</summary>
    public static string Ark(DateTimeOffset now) =>
        "021" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + Hex(38);
}
