namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>A request this API cannot accept; answered with HTTP 400 and an OpenAI-style <c>invalid_request_error</c>.</summary>
public sealed class InvalidChatRequestException : Exception
{
    public InvalidChatRequestException()
    {
    }

    public InvalidChatRequestException(string message)
        : base(message)
    {
    }

    public InvalidChatRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidChatRequestException(string message, string? param)
        : base(message)
    {
        Param = param;
    }

    /// <summary>Gets the request field at fault, such as <c>messages[0].role</c>.</summary>
    public string? Param { get; }
}
