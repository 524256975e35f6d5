using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client.Telemetry;

/// <summary>Log event ids are unique and every one is in docs/event-ids.md (the one table of them).</summary>
public sealed partial class EventIdTableTests
{
    private static IReadOnlyList<(int Id, string Name)> Messages() =>
        [.. typeof(ChineseLlmException).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(a => (a.EventId, a.EventName ?? string.Empty))];

    private static Dictionary<int, string> Table()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "event-ids.md")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var rows = new Dictionary<int, string>();
        foreach (Match row in TableRow().Matches(File.ReadAllText(Path.Combine(dir.FullName, "docs", "event-ids.md"))))
        {
            Assert.True(rows.TryAdd(int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), row.Groups[2].Value), $"id {row.Groups[1].Value} is in the table twice");
        }

        return rows;
    }

    [Fact]
    public void LoggerMessages_EventIds_AreUnique()
    {
        var messages = Messages();

        Assert.NotEmpty(messages);
        Assert.Empty(messages.GroupBy(m => m.Id).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void LoggerMessages_EachIsInTheTableUnderItsName()
    {
        var table = Table();

        Assert.All(Messages(), m => Assert.Equal(m.Name, table.GetValueOrDefault(m.Id)));
    }

    [GeneratedRegex(@"^\| (\d+) \| (\w+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
