namespace ChineseLlm.Client.Testing;

/// <summary>
/// A function call that a simulated provider asks the caller to make.
/// </summary>
public sealed class SimulatedToolCall
{
    /// <summary>Initializes a new instance of the <see cref="SimulatedToolCall"/> class.</summary>
    /// <param name="name">The function name.</param>
    /// <param name="arguments">The arguments as a JSON object text, exactly as the provider sends it (a JSON string on the wire).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="arguments"/> is <see langword="null"/> or empty.</exception>
    public SimulatedToolCall(string name, string arguments = "{}")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(arguments);
        Name = name;
        Arguments = arguments;
    }

    /// <summary>Gets the function name.</summary>
    public string Name { get; }

    /// <summary>Gets the arguments as JSON text.</summary>
    public string Arguments { get; }

    /// <summary>Gets the call id to send, or <see langword="null"/> to generate one in the provider's own id format.</summary>
    /// <value>The default value is <see langword="null"/>: DeepSeek <c>call_00_…</c>, Kimi <c>name:index</c>, ERNIE 32 hex digits, and so on.</value>
    public string? Id { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}({Arguments})";
}
