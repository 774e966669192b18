using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Profiles.Domain.Profiles.Packing;

/// <summary>
/// Writes the primitives of the packed profile format into a growing buffer: variable-length integers, UTF-8 strings,
/// timestamps as UTC ticks and offset, decimals as their four parts, message ids as 16 bytes when they are GUIDs.
/// </summary>
public sealed class PackedWriter
{
    private byte[] _buffer;
    private int _length;

    public PackedWriter(int capacity = 256) => _buffer = new byte[Math.Max(16, capacity)];

    /// <summary>Buffers at most this large are kept for the thread's next <see cref="Rent"/>.</summary>
    private const int KeptBytes = 64 * 1024;

    [ThreadStatic] private static PackedWriter? t_kept;

    /// <summary>
    /// An empty writer for a part written and copied out at once (<see cref="ToArray"/>) on this thread: the buffer of the
    /// thread's last one, so a write of every customer does not allocate and grow a buffer of its own. Give it back with
    /// <see cref="Return"/>.
    /// </summary>
    public static PackedWriter Rent()
    {
        var writer = t_kept ?? new PackedWriter(1024);
        t_kept = null;
        writer.Reset();
        return writer;
    }

    /// <summary>Keeps <paramref name="writer"/> for this thread's next <see cref="Rent"/>; it must not be used after.</summary>
    public static void Return(PackedWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (writer._buffer.Length <= KeptBytes) t_kept = writer;
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>A copy of the bytes written.</summary>
    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    /// <summary>Forgets what was written; the buffer is kept.</summary>
    public void Reset() => _length = 0;

    public void Byte(byte value) => Reserve(1)[0] = value;

    /// <summary>Bytes already in the packed form, as they are.</summary>
    public void Raw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    /// <summary>A non-negative number in 7-bit groups, low first.</summary>
    public void UInt(ulong value)
    {
        var span = Reserve(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        _length -= 10 - i;
    }

    /// <summary>A signed number, zig-zag coded so that small magnitudes take few bytes.</summary>
    public void Int(long value) => UInt((ulong)((value << 1) ^ (value >> 63)));

    public void Fixed64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void Decimal(decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        // lo, mid, hi and flags (scale and sign): small amounts have zero high parts.
        UInt((uint)parts[0]);
        UInt((uint)parts[1]);
        UInt((uint)parts[2]);
        UInt((uint)parts[3] >> 16);
    }

    /// <summary>
    /// A dimension or class name, or null: 0 means null, 1 to <see cref="KnownNames.Reserved"/> a known name's code + 1,
    /// above that the length + <see cref="KnownNames.Reserved"/> + 1, then that many bytes of UTF-8.
    /// </summary>
    public void Name(string? value)
    {
        if (value is null)
        {
            UInt(0);
            return;
        }
        if (KnownNames.CodeOf(value) is >= 0 and var code)
        {
            UInt((ulong)code + 1);
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        UInt((ulong)count + KnownNames.Reserved + 1);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    /// <summary>A string, or null (length 0 means null, else length + 1 bytes of UTF-8 follow).</summary>
    public void String(string? value)
    {
        if (value is null)
        {
            UInt(0);
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        UInt((ulong)count + 1);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    public void Timestamp(DateTimeOffset value)
    {
        UInt((ulong)value.UtcTicks);
        Int((long)value.Offset.TotalMinutes);
    }

    public void Timestamp(DateTimeOffset? value)
    {
        Bool(value.HasValue);
        if (value is { } v) Timestamp(v);
    }

    /// <summary>A message id: 1 and 16 bytes for the canonical GUID form SDKs assign, 2 and the text otherwise, 0 for null.</summary>
    public void MessageId(string? value)
    {
        if (value is null)
        {
            Byte(0);
            return;
        }
        var key = Profiles.MessageKey.Of(value);
        MessageKey(key);
    }

    public void MessageKey(MessageKey key)
    {
        if (key.Text is null)
        {
            Byte(1);
            key.Guid.TryWriteBytes(Reserve(16));
        }
        else
        {
            Byte(2);
            String(key.Text);
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var grown = new byte[Math.Max(_buffer.Length * 2, _length + count)];
            _buffer.AsSpan(0, _length).CopyTo(grown);
            _buffer = grown;
        }
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
