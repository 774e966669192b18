using System.Buffers;
using System.IO.Compression;

namespace Profiles.Host.Apis;

/// <summary>Reads a request body into memory up to a limit, inflating gzip when the client sent it compressed.</summary>
public static class RequestBody
{
    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes (after decompression).</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit && !IsGzip(request)) return null;

        var source = IsGzip(request) ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
        await using (source.ConfigureAwait(false))
        {
            var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var n && n <= limit ? (int)n : 16 * 1024);
            while (true)
            {
                var memory = buffer.GetMemory(8 * 1024);
                var read = await source.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                if (read == 0) return buffer.WrittenMemory;
                buffer.Advance(read);
                if (buffer.WrittenCount > limit) return null;
            }
        }
    }

    private static bool IsGzip(HttpRequest request) =>
        request.Headers.ContentEncoding.Any(e => string.Equals(e, "gzip", StringComparison.OrdinalIgnoreCase));
}
