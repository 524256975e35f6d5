namespace ChineseLlm.Client.Testing.Wire;

/// <summary>What a stream delta carries.</summary>
internal enum DeltaKind
{
    Reasoning,
    Content,

    /// <summary>The first fragment of a tool call: id, type and name, with empty arguments.</summary>
    ToolCallStart,

    /// <summary>A piece of a tool call's arguments.</summary>
    ToolCallArguments,
}
