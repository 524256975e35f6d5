namespace ChineseLlm.Samples;

/// <summary>
/// Finds real credentials: the library's own keys (<c>ChineseLlm__Providers__DeepSeek__ApiKey</c> in the environment,
/// or <c>ChineseLlm:Providers:DeepSeek:ApiKey</c> in user secrets), or each vendor's conventional environment variable.
/// </summary>
internal static class VendorKeys
{
    /// <summary>Vendor environment variables and the configuration key each one fills.</summary>
    private static readonly (string Variable, string Key)[] Conventional =
    [
        ("DEEPSEEK_API_KEY", "ChineseLlm:Providers:DeepSeek:ApiKey"),
        ("MOONSHOT_API_KEY", "ChineseLlm:Providers:Kimi:ApiKey"),
        ("KIMI_API_KEY", "ChineseLlm:Providers:Kimi:ApiKey"),
        ("DASHSCOPE_API_KEY", "ChineseLlm:Providers:Qwen:ApiKey"),
        ("QIANFAN_API_KEY", "ChineseLlm:Providers:Ernie:ApiKey"),
        ("ARK_API_KEY", "ChineseLlm:Providers:Doubao:ApiKey"),
        ("HUNYUAN_API_KEY", "ChineseLlm:Providers:Hunyuan:ApiKey"),
        ("TENCENTCLOUD_SECRET_ID", "ChineseLlm:Providers:Hunyuan:SecretId"),
        ("TENCENTCLOUD_SECRET_KEY", "ChineseLlm:Providers:Hunyuan:SecretKey"),
    ];

    /// <summary>Builds the configuration: user secrets, then environment variables, then the vendors' own variables.</summary>
    public static IConfigurationRoot Load() =>
        new ConfigurationBuilder()
            .AddUserSecrets(typeof(VendorKeys).Assembly, optional: true)
            .AddEnvironmentVariables()
            .AddVendorVariables()
            .Build();

    /// <summary>Adds the vendors' conventional variables (<c>DEEPSEEK_API_KEY</c>, …) under the library's keys.</summary>
    public static IConfigurationBuilder AddVendorVariables(this IConfigurationBuilder builder)
    {
        var vendor = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, key) in Conventional)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value && !vendor.ContainsKey(key))
            {
                vendor[key] = value;
            }
        }

        return builder.AddInMemoryCollection(vendor);
    }

    /// <summary>Whether any provider section has a credential (the values are never printed).</summary>
    public static bool HasAny(IConfiguration configuration) =>
        configuration.GetSection("ChineseLlm:Providers").GetChildren()
            .SelectMany(p => p.GetChildren())
            .Any(s => s.Key is "ApiKey" or "SecretId" or "SecretKey" && !string.IsNullOrWhiteSpace(s.Value));
}
