namespace ChineseLlm.Client.Testing.Wire;

/// <summary>What a routed request asks for.</summary>
internal enum WireOperation
{
    /// <summary>A chat completion (streamed or not).</summary>
    Chat,

    /// <summary>An ERNIE v1 OAuth access-token request.</summary>
    ErnieToken,
}
