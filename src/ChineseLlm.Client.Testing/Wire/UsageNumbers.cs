namespace ChineseLlm.Client.Testing.Wire;

/// <summary>The token counts a simulated response reports.</summary>
internal readonly record struct UsageNumbers(int Input, int Output, int Cached, int Reasoning)
{
    public int Total => Input + Output;

    public int CacheMiss => Input - Cached;

    /// <summary>Usage as a cumulative stream reports it after <paramref name="step"/> of <paramref name="steps"/> events.</summary>
    public UsageNumbers After(int step, int steps)
    {
        if (steps <= 0 || step >= steps)
        {
            return this;
        }

        return this with
        {
            Output = (int)((long)Output * step / steps),
            Reasoning = (int)((long)Reasoning * step / steps),
        };
    }

    /// <summary>Resolves the numbers a reply reports: scripted values where given, otherwise estimates (about two characters a token).</summary>
    public static UsageNumbers For(SimulatedReply reply, RequestInfo request)
    {
        var input = Math.Max(0, reply.InputTokens ?? Math.Max(1, (request.PromptCharacters + 1) / 2));
        var reasoning = Math.Max(0, reply.ReasoningTokens ?? Estimate(reply.Reasoning));
        var toolText = reply.ToolCalls.Sum(t => t.Name.Length + t.Arguments.Length);
        var output = Math.Max(0, reply.OutputTokens ?? (Estimate(reply.Text) + reasoning + ((toolText + 1) / 2)));
        if (reply.OutputTokens is null && output == 0)
        {
            output = 1;
        }

        return new UsageNumbers(input, output, Math.Clamp(reply.CachedInputTokens, 0, input), Math.Min(reasoning, output));
    }

    private static int Estimate(string? text) => string.IsNullOrEmpty(text) ? 0 : Math.Max(1, (text.Length + 1) / 2);
}
