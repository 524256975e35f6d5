using System.Text;
using System.Text.RegularExpressions;

namespace ChineseLlm.Client.Packaging;

/// <summary>
/// The C# blocks of README.md, read as a reader pastes them. Conventions the README follows (and this reads):
/// <list type="bullet">
/// <item><c>// dotnet add package X</c> lines name the packages a block needs beyond the .NET SDK;</item>
/// <item><c>&lt;!-- readme-test: run --&gt;</c> on the line before a block marks it as a complete console program that
/// runs offline (no key, no network) and must exit 0;</item>
/// <item>other blocks may be fragments of an ASP.NET Core app that use <c>builder</c> (a <c>WebApplicationBuilder</c>) and
/// <c>app</c> (the <c>WebApplication</c>) from the DI section; a block that needs keys says so in a comment.</item>
/// </list>
/// </summary>
public sealed partial record ReadmeCode(int Index, int Line, string Code, bool Runs)
{
    /// <summary>Packages named in the block's <c>// dotnet add package</c> lines.</summary>
    public IReadOnlyList<string> Packages => AddPackage().Matches(Code).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The block's <c>using</c> directives (not <c>using var</c> statements).</summary>
    public IReadOnlyList<string> Usings => Lines.Where(l => UsingDirective().IsMatch(l)).ToList();

    private string[] Lines => Code.Split('\n');

    public static IReadOnlyList<ReadmeCode> Parse(string readme)
    {
        var blocks = new List<ReadmeCode>();
        var lines = readme.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            var runs = i > 0 && lines[i - 1].Trim() == "<!-- readme-test: run -->";
            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].Trim() != "```")
            {
                end++;
            }

            blocks.Add(new ReadmeCode(blocks.Count + 1, start + 1, string.Join('\n', lines[start..end]), runs));
            i = end;
        }

        return blocks;
    }

    /// <summary>
    /// The block as one file of a project that compiles them all: its usings at the top, its statements as the body of
    /// an async method whose parameters stand in for what the README's app defines (<c>args</c>, <c>builder</c>,
    /// <c>app</c>) unless the block declares them itself, its type declarations after.
    /// </summary>
    public string AsMethodFile()
    {
        var statements = new List<string>();
        var types = new List<string>();
        var inTypes = false;
        foreach (var line in Lines)
        {
            if (UsingDirective().IsMatch(line))
            {
                continue;
            }

            inTypes |= TypeDeclaration().IsMatch(line);
            (inTypes ? types : statements).Add(line);
        }

        var body = string.Join('\n', statements);
        var parameters = new List<string> { "string[] args" };
        if (!Declares(body, "builder"))
        {
            parameters.Add("WebApplicationBuilder builder");
        }

        if (!Declares(body, "app"))
        {
            parameters.Add("WebApplication app");
        }

        var file = new StringBuilder();
        file.AppendLine($"// README.md line {Line}, block {Index}.");
        foreach (var directive in Usings)
        {
            file.AppendLine(directive);
        }

        file.AppendLine("#pragma warning disable CS1998, CS0162, CS8321, IDE0059");
        file.AppendLine($"internal static class ReadmeBlock{Index}");
        file.AppendLine("{");
        file.AppendLine($"    public static async Task RunAsync({string.Join(", ", parameters)})");
        file.AppendLine("    {");
        file.AppendLine(body);
        file.AppendLine("    }");
        file.AppendLine("}");
        file.AppendLine(string.Join('\n', types));
        return file.ToString();
    }

    private static bool Declares(string body, string name) =>
        Regex.IsMatch(body, $@"\b(var|[A-Z][A-Za-z0-9_<>]*)\s+{name}\s*=", RegexOptions.None, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"^\s*//\s*dotnet add package\s+([A-Za-z0-9_.]+)", RegexOptions.Multiline)]
    private static partial Regex AddPackage();

    [GeneratedRegex(@"^using\s+(static\s+)?[A-Za-z_][A-Za-z0-9_.]*(\s*=\s*[A-Za-z0-9_.<>]+)?\s*;\s*$")]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"^(public |internal |file |sealed |static |abstract |partial )*(class|record|struct|interface|enum) ")]
    private static partial Regex TypeDeclaration();
}
