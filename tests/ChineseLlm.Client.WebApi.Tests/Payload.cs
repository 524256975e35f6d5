namespace ChineseLlm.Samples.WebApi;

/// <summary>Reads the vendor fixtures copied next to the test assembly (tests/Payloads).</summary>
public static class Payload
{
    public static string Read(string provider, string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", provider, file));
}
