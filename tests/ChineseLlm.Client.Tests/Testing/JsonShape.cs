using System.Text.Json;

namespace ChineseLlm.Client.Testing;

/// <summary>
/// The shape of JSON documents: every path (array items as <c>[]</c>) with the JSON kinds seen there.
/// Used to compare what the simulator sends with the captured vendor payloads field by field.
/// </summary>
internal sealed class JsonShape
{
    private readonly SortedDictionary<string, SortedSet<string>> _paths = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, SortedSet<string>> Paths => _paths;

    public static JsonShape Of(params IEnumerable<JsonElement> documents)
    {
        var shape = new JsonShape();
        foreach (var doc in documents)
        {
            shape.Walk(doc, "$");
        }

        return shape;
    }

    public JsonShape Union(JsonShape other)
    {
        var union = new JsonShape();
        foreach (var source in new[] { this, other })
        {
            foreach (var (path, kinds) in source._paths)
            {
                union.Kinds(path).UnionWith(kinds);
            }
        }

        return union;
    }

    /// <summary>A copy without the paths that go through a property named <paramref name="property"/>.</summary>
    public JsonShape Without(string property)
    {
        var copy = new JsonShape();
        foreach (var (path, kinds) in _paths)
        {
            if (!path.Split('.').Any(segment => segment.TrimEnd('[', ']') == property))
            {
                copy.Kinds(path).UnionWith(kinds);
            }
        }

        return copy;
    }

    /// <summary>Asserts every path of <paramref name="expected"/> is in <paramref name="actual"/> with each JSON kind seen there.</summary>
    public static void AssertCovers(JsonShape expected, JsonShape actual, string what)
    {
        var missing = new List<string>();
        foreach (var (path, kinds) in expected._paths)
        {
            if (!actual._paths.TryGetValue(path, out var actualKinds))
            {
                missing.Add($"{path} ({string.Join('|', kinds)}) is missing");
            }
            else if (!kinds.IsSubsetOf(actualKinds))
            {
                missing.Add($"{path} is {string.Join('|', actualKinds)}, the vendor sends {string.Join('|', kinds)}");
            }
        }

        Assert.True(missing.Count == 0, $"{what}:\n  " + string.Join("\n  ", missing));
    }

    /// <summary>Asserts every path of <paramref name="actual"/> is one the vendor uses (in <paramref name="allowed"/>).</summary>
    public static void AssertWithin(JsonShape actual, JsonShape allowed, IEnumerable<string> documentedExtras, string what)
    {
        var extras = new HashSet<string>(documentedExtras, StringComparer.Ordinal);
        var invented = actual._paths.Keys.Where(p => !allowed._paths.ContainsKey(p) && !extras.Contains(p)).ToList();
        Assert.True(invented.Count == 0, $"{what} sends fields no vendor payload has:\n  " + string.Join("\n  ", invented));
    }

    private SortedSet<string> Kinds(string path)
    {
        if (!_paths.TryGetValue(path, out var kinds))
        {
            kinds = new SortedSet<string>(StringComparer.Ordinal);
            _paths[path] = kinds;
        }

        return kinds;
    }

    private void Walk(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                Kinds(path).Add("object");
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path + "." + property.Name);
                }

                break;
            case JsonValueKind.Array:
                Kinds(path).Add("array");
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, path + "[]");
                }

                break;
            case JsonValueKind.String:
                Kinds(path).Add("string");
                break;
            case JsonValueKind.Number:
                Kinds(path).Add("number");
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                Kinds(path).Add("bool");
                break;
            default:
                Kinds(path).Add("null");
                break;
        }
    }
}
