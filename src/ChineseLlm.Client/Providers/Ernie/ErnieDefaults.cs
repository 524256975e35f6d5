namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>ERNIE defaults shared by both protocols.</summary>
internal static class ErnieDefaults
{
    /// <summary>The current priced reasoning model both protocols accept (ids change; prices live in the catalog).</summary>
    public const string Model = "ernie-x1-turbo-32k";
}
