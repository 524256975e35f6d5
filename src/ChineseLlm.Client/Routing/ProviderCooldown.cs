namespace ChineseLlm.Client.Routing;

/// <summary>A provider left out of routing until <see cref="Until"/>, and why.</summary>
/// <param name="Provider">The provider key, such as <c>deepseek</c>.</param>
/// <param name="Reason">The failure that started the cooldown.</param>
/// <param name="Until">When the provider is routable again.</param>
public sealed record ProviderCooldown(string Provider, LlmErrorKind Reason, DateTimeOffset Until);
