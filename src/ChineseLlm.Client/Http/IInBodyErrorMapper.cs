namespace ChineseLlm.Client.Http;

/// <summary>
/// An error mapper for a protocol that reports failures inside successful (2xx) JSON bodies, so that the retry
/// pipeline can see a transient one (ERNIE v1: docs/protocols/ernie.md, "v1").
/// </summary>
internal interface IInBodyErrorMapper : IProviderErrorMapper
{
    /// <summary>Returns the error a successful JSON body carries, or <see langword="null"/> when it is an answer.</summary>
    ChineseLlmException? FindInBodyError(ProviderErrorResponse response);
}
