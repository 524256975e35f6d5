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

    [Fact]
    public void IdleLimit_NoProgressWithinIt_CancelsAsAStall()
    {
        var time = new FakeTimeProvider();
        using var call = new ProviderCall("kimi", TimeSpan.FromMinutes(10), time, CancellationToken.None);
        call.StartIdleLimit(TimeSpan.FromSeconds(5));

        time.Advance(TimeSpan.FromSeconds(4));
        call.OnProgress();
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(call.Token.IsCancellationRequested); // progress restarted the limit
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(call.Token.IsCancellationRequested);
        AssertTimeoutSaying(call, "stalled");
    }

    [Fact]
    public void IdleLimit_DeadlineComesFirst_CancelsAtTheDeadlineAndSaysSo()
    {
        var time = new FakeTimeProvider();
        using var call = new ProviderCall("kimi", TimeSpan.FromSeconds(10), time, CancellationToken.None);
        call.StartIdleLimit(TimeSpan.FromSeconds(5));

        time.Advance(TimeSpan.FromSeconds(4));
        call.OnProgress();
        time.Advance(TimeSpan.FromSeconds(4));
        call.OnProgress(); // 2 s left of the deadline: the timer is set for it, not for the 5 s idle limit
        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(call.Token.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(0.2));

        Assert.True(call.Token.IsCancellationRequested);
        AssertTimeoutSaying(call, "within its timeout");
    }

    [Fact]
    public void IdleLimit_ProgressAfterTheDeadline_KeepsTheDeadlineAsTheCause()
    {
        var time = new FakeTimeProvider();
        using var call = new ProviderCall("kimi", TimeSpan.FromSeconds(10), time, CancellationToken.None);
        call.StartIdleLimit(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(11));

        call.OnProgress();

        Assert.True(call.TryTranslate(new OperationCanceledException(call.Token), out var ex));
        Assert.Contains("within its timeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_CallerCancels_CancelsTheCallsToken()
    {
        using var caller = new CancellationTokenSource();
        using var call = new ProviderCall("kimi", Timeout.InfiniteTimeSpan, TimeProvider.System, caller.Token);
        call.StartIdleLimit(Timeout.InfiniteTimeSpan);
        Assert.False(call.Token.IsCancellationRequested);

        caller.Cancel();

        Assert.True(call.Token.IsCancellationRequested);
        Assert.False(call.TryTranslate(new OperationCanceledException(call.Token), out _));
    }

    [Fact]
    public void Token_InfiniteTimeoutWithIdleLimit_CancelsOnlyOnStall()
    {
        var time = new FakeTimeProvider();
        using var call = new ProviderCall("kimi", Timeout.InfiniteTimeSpan, time, CancellationToken.None);
        time.Advance(TimeSpan.FromDays(3));
        Assert.False(call.Token.IsCancellationRequested);

        call.StartIdleLimit(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(call.Token.IsCancellationRequested);
        Assert.True(call.TryTranslate(new OperationCanceledException(call.Token), out var ex));
        Assert.Contains("stalled", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The call's cancellation translates to a Timeout whose message says <paramref name="cause"/>.</summary>
    private static void AssertTimeoutSaying(ProviderCall call, string cause)
    {
        Assert.True(call.TryTranslate(new OperationCanceledException(call.Token), out var ex));
        Assert.Equal(LlmErrorKind.Timeout, ex.Kind);
        Assert.Contains(cause, ex.Message, StringComparison.Ordinal);
    }
}
