namespace ChineseLlm.Client.Testing.Wire;

/// <summary>One step of a simulated response body: bytes to deliver, a pause, or a dropped connection.</summary>
internal readonly record struct WireStep(WireStepKind Kind, ReadOnlyMemory<byte> Bytes, TimeSpan? Delay)
{
    public static WireStep Write(ReadOnlyMemory<byte> bytes) => new(WireStepKind.Write, bytes, null);

    /// <summary>A pause; <see langword="null"/> means until the reader gives up.</summary>
    public static WireStep Pause(TimeSpan? delay) => new(WireStepKind.Pause, default, delay);

    public static WireStep Reset() => new(WireStepKind.Reset, default, null);
}
