using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization.Metadata;

namespace ChineseLlm.Client.Http;

/// <summary>
/// Writes request bodies as JSON whose text is UTF-8 as it is: every protocol's request body goes through here, so a
/// Chinese prompt travels as three bytes a character instead of a six-byte <c>\uXXXX</c> escape.
/// </summary>
/// <remarks>
/// <para>
/// The serializer's default encoder escapes everything outside Basic Latin, and HTML-sensitive characters, because its
/// output might be pasted into an HTML page or a script block. A request body sent over HTTP with
/// <c>Content-Type: application/json</c> is never embedded in HTML, so
/// <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> is safe here: it still escapes what JSON requires (the
/// quote, the backslash, control characters) and unpaired surrogates, and writes CJK and other text as UTF-8.
/// It still escapes characters outside the Basic Multilingual Plane (emoji, CJK Extension B) as surrogate-pair
/// escapes: valid JSON the vendors read, only longer.
/// </para>
/// <para>
/// The encoder is set on the <see cref="Utf8JsonWriter"/>, not on the source-generated contexts' options: a context
/// whose options carry an encoder no longer qualifies for its generated fast-path serializer.
/// Hunyuan's native API signs these exact bytes (Providers/Hunyuan/Tc3Signer.cs): the body that is signed is the body sent.
/// </para>
/// </remarks>
internal static class WireJson
{
    /// <summary>A thread's buffer is kept for the next request only up to this size, so one huge prompt does not pin memory.</summary>
    private const int MaxRetainedBytes = 256 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Gets the options request bodies are written with.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true, // the serializer writes well-formed JSON; as JsonSerializer does in release builds
    };

    /// <summary>Serializes <paramref name="value"/> into a new array of exactly its UTF-8 JSON size.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        // The body array is what HttpClient sends, so it is a fresh array; the scratch buffer it is copied from is the
        // thread's (serialization is synchronous, and a converter writes into the same writer, never back through here).
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer, WriterOptions);
        }
        else
        {
            writer.Reset(buffer);
        }

        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Reset();
            if (buffer.Capacity > MaxRetainedBytes)
            {
                t_buffer = null;
                t_writer = null;
            }
            else
            {
                buffer.ResetWrittenCount();
            }
        }
    }

    /// <summary>The content type of every JSON request body, the exact text Hunyuan's TC3 signature covers (Providers/Hunyuan/Tc3Signer.cs).</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// Serializes <paramref name="value"/> as a request body with <see cref="ContentType"/>. The header is kept as its
    /// text: a <see cref="System.Net.Http.Headers.MediaTypeHeaderValue"/> would be formatted into a new string on
    /// every send.
    /// </summary>
    public static ByteArrayContent CreateContent<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        return content;
    }

    /// <summary>Creates a writer with <see cref="WriterOptions"/> over <paramref name="output"/>, for bodies written by hand.</summary>
    public static Utf8JsonWriter CreateWriter(IBufferWriter<byte> output) => new(output, WriterOptions);
}
