namespace ChineseLlm.Client.Testing.Wire;

/// <summary>One piece of a streamed reply, before a protocol gives it its wire shape.</summary>
internal readonly record struct Delta(DeltaKind Kind, string Text, int ToolIndex = 0);
