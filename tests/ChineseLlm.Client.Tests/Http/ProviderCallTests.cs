using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ChineseLlm.Client.Http;

public sealed class ProviderCallTests
{
    [Fact]
    public void TryTranslate_CallerCancelled_LeavesOperationCanceledAlone()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        using var call = new ProviderCall("kimi", TimeSpan.FromMinutes(1), TimeProvider.System, cts.Token);

        Assert.False(call.TryTranslate(new OperationCanceledException(cts.Token), out _));
    }

    [Fact]
    public void TryTranslate_DeadlinePassed_IsTimeout()
    {
        var time = new FakeTimeProvider();
        using var call = new ProviderCall("kimi", TimeSpan.FromSeconds(5), time, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(6));

        Assert.True(call.Token.IsCancellationRequested);
        Assert.True(call.TryTranslate(new OperationCanceledException(call.Token), out var ex));
        Assert.Equal(LlmErrorKind.Timeout, ex.Kind);
    }

    [Theory]
    [InlineData(typeof(HttpRequestException), LlmErrorKind.Network)]
    [InlineData(typeof(IOException), LlmErrorKind.Network)]
    [InlineData(typeof(JsonException), LlmErrorKind.Protocol)]
    [InlineData(typeof(TimeoutRejectedException), LlmErrorKind.Timeout)]
    [InlineData(typeof(BrokenCircuitException), LlmErrorKind.ServerError)]
    public void TryTranslate_TransportFailures_MapToKinds(Type exceptionType, LlmErrorKind expected)
    {
        using var call = new ProviderCall("deepseek", TimeSpan.FromMinutes(1), TimeProvider.System, CancellationToken.None);

        Assert.True(call.TryTranslate((Exception)Activator.CreateInstance(exceptionType)!, out var ex));
        Assert.Equal(expected, ex.Kind);
        Assert.Equal("deepseek", ex.Provider);
    }

    [Fact]
    public void TryTranslate_UnknownException_IsNotSwallowedIntoAnotherKind()
    {
        using var call = new ProviderCall("deepseek", TimeSpan.FromMinutes(1), TimeProvider.System, CancellationToken.None);

        Assert.False(call.TryTranslate(new InvalidOperationException("bug"), out _));
    }
}
