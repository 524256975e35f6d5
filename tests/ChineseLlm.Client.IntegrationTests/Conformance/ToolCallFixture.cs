namespace ChineseLlm.Client.Conformance;

/// <summary>A fixture in which the model asks for one function call.</summary>
/// <param name="File">The fixture file.</param>
/// <param name="CallId">The call id, echoed exactly.</param>
/// <param name="FunctionName">The function name.</param>
/// <param name="ArgumentName">One argument the call carries.</param>
/// <param name="ArgumentValue">That argument's value, as text.</param>
/// <param name="ExpectedReasoning">The reasoning that came with the call, when any.</param>
public sealed record ToolCallFixture(
    string File, string CallId, string FunctionName, string ArgumentName, string ArgumentValue, string? ExpectedReasoning = null);
