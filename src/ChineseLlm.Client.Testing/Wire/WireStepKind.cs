namespace ChineseLlm.Client.Testing.Wire;

/// <summary>The kinds of <see cref="WireStep"/>.</summary>
internal enum WireStepKind
{
    Write,
    Pause,
    Reset,
}
