namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>One <c>data:</c> event of a streamed chat completion.</summary>
internal sealed class ChatCompletionChunk
{
    public string? Id { get; set; }

    public long? Created { get; set; }

    public string? Model { get; set; }

    public List<WireChunkChoice>? Choices { get; set; }

    /// <summary>Whole-request usage: DeepSeek's finish chunk, or any vendor with <c>include_usage</c>.</summary>
    public WireUsage? Usage { get; set; }

    /// <summary>An error event inside a stream.</summary>
    public WireError? Error { get; set; }

    /// <summary>
    /// Top-level fields the shared shape does not name (iFlytek's <c>code</c>/<c>message</c>/<c>sid</c>, MiniMax's
    /// <c>base_resp</c>, GLM's <c>request_id</c>), for the dialect to inspect.
    /// </summary>
    /// <remarks>
    /// Built on first read from <see cref="ReadExtras"/> when the chunk came from <see cref="ChatCompletionReader"/>:
    /// every chunk gets its own dictionary, and a chunk whose extra fields nobody reads (most vendors' dialects never
    /// look) gets none.
    /// </remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtraFields
    {
        get
        {
            if (_extraFields is null && ReadExtras is { Count: > 0 } read)
            {
                var fields = new Dictionary<string, JsonElement>(read.Count, StringComparer.Ordinal);
                foreach (var (name, value) in read)
                {
                    fields[name] = value; // a repeated name: the last one wins, as with the serializer
                }

                _extraFields = fields;
            }

            return _extraFields;
        }

        set => _extraFields = value;
    }

    /// <summary>
    /// The extra fields as the reader met them, in order: usually a segment of the fields the stream's reader
    /// remembers, shared by every chunk that repeats them (vendors repeat <c>object</c> and
    /// <c>system_fingerprint</c> in every chunk); immutable by contract.
    /// </summary>
    [JsonIgnore]
    internal ArraySegment<KeyValuePair<string, JsonElement>>? ReadExtras { get; set; }

    private Dictionary<string, JsonElement>? _extraFields;
}
