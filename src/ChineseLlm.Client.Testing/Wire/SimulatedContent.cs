using System.Net;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>Response content that is produced while it is read, so pauses and dropped connections happen mid-body.</summary>
internal sealed class SimulatedContent : HttpContent
{
    private readonly IReadOnlyList<WireStep> _steps;
    private readonly TimeProvider _timeProvider;

    public SimulatedContent(IReadOnlyList<WireStep> steps, TimeProvider timeProvider)
    {
        _steps = steps;
        _timeProvider = timeProvider;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var source = new ScriptedStream(_steps, _timeProvider);
        await using (source.ConfigureAwait(false))
        {
            await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var source = new ScriptedStream(_steps, _timeProvider);
        source.CopyTo(stream);
    }

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => new ScriptedStream(_steps, _timeProvider);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new ScriptedStream(_steps, _timeProvider));

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => CreateContentReadStreamAsync();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
