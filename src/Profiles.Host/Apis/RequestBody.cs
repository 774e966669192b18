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

        if (!IsGzip(request) && request.ContentLength is > 0 and var length)
            return await ReadExactlyAsync(request.Body, (int)length, cancellationToken).ConfigureAwait(false);

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

    /// <summary>
    /// A body of a declared length into one array of that length: the server ends the body there, so no read past it is
    /// needed (a growing buffer would double once more just to see the end, and a batch would land on the large object heap).
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        var filled = 0;
        while (filled < length)
        {
            var read = await body.ReadAsync(bytes.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            filled += read;
        }
        return bytes.AsMemory(0, filled);
    }

    private static bool IsGzip(HttpRequest request) =>
        request.Headers.ContentEncoding.Any(e => string.Equals(e, "gzip", StringComparison.OrdinalIgnoreCase));
}
