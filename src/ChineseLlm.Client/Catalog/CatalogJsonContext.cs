namespace ChineseLlm.Client.Catalog;

/// <summary>
/// Source-generated JSON metadata for the embedded catalog. Property names are PascalCase, as in configuration;
/// enums are written by name; unknown properties are errors so a typo in the catalog fails its tests.
/// </summary>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    WriteIndented = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CatalogDocument))]
[JsonSerializable(typeof(ModelCard))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext
{
}
