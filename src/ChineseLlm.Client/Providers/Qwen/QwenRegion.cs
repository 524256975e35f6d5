namespace ChineseLlm.Client;

/// <summary>
/// The Model Studio region whose DashScope domain a <see cref="QwenChatClient"/> calls when no <c>Endpoint</c> is set.
/// </summary>
/// <remarks>
/// API keys are bound to the region they were created in: a key from one region is rejected by another region's
/// domain with HTTP 401 <c>InvalidApiKey</c> (<see cref="LlmErrorKind.Authentication"/>). Pick the region of the
/// console the key came from; workspace-dedicated domains (<c>{WorkspaceId}.{region}.maas.aliyuncs.com</c>) are set
/// through <c>Endpoint</c> instead.
/// </remarks>
public enum QwenRegion
{
    /// <summary>China (Beijing), <c>dashscope.aliyuncs.com</c>: the mainland region. The default.</summary>
    Beijing = 0,

    /// <summary>Singapore, <c>dashscope-intl.aliyuncs.com</c>: the international region.</summary>
    Singapore = 1,

    /// <summary>US (Virginia), <c>dashscope-us.aliyuncs.com</c>.</summary>
    Virginia = 2,

    /// <summary>China (Hong Kong), <c>cn-hongkong.dashscope.aliyuncs.com</c>.</summary>
    HongKong = 3,
}
