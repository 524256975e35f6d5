namespace ChineseLlm.Client.Conformance;

/// <summary>Reads the vendor fixtures copied next to the test assembly (tests/Payloads).</summary>
public static class Payload
{
    public static string Path(string provider, string file) =>
        System.IO.Path.Combine(AppContext.BaseDirectory, "Payloads", provider, file);

    public static string Read(string provider, string file) => File.ReadAllText(Path(provider, file));
}
