using System.Buffers.Binary;
using System.Text;

namespace Profiles.Domain.Profiles.Packing;

/// <summary>Reads what <see cref="PackedWriter"/> wrote; a truncated or malformed input throws <see cref="FormatException"/>.</summary>
public ref struct PackedReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool End => _position >= _data.Length;

    public byte Byte()
    {
        if (_position >= _data.Length) throw Truncated();
        return _data[_position++];
    }

    public bool Bool() => Byte() != 0;

    public ulong UInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new FormatException("A packed number is longer than ten bytes.");
    }

    public int Count()
    {
        var value = UInt();
        return value <= int.MaxValue ? (int)value : throw new FormatException($"A packed count of {value} is out of range.");
    }

    public long Int()
    {
        var raw = UInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int Int32() => checked((int)Int());

    public ulong Fixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public decimal Decimal()
    {
        var lo = (int)(uint)UInt();
        var mid = (int)(uint)UInt();
        var hi = (int)(uint)UInt();
        var flags = (int)((uint)UInt() << 16);
        return new decimal([lo, mid, hi, flags]);
    }

    public string? String()
    {
        var length = UInt();
        if (length == 0) return null;
        var count = length - 1;
        if (count > int.MaxValue) throw Truncated();
        return Encoding.UTF8.GetString(Take((int)count));
    }

    /// <summary>What <see cref="PackedWriter.Name"/> wrote: a known name is the one shared string.</summary>
    public string? Name()
    {
        var tag = UInt();
        if (tag == 0) return null;
        if (tag <= KnownNames.Reserved) return KnownNames.NameOf((int)tag - 1);
        var count = tag - KnownNames.Reserved - 1;
        if (count > int.MaxValue) throw Truncated();
        return Encoding.UTF8.GetString(Take((int)count));
    }

    public string RequiredName() => Name() ?? throw new FormatException("A packed name that cannot be null is null.");

    public string RequiredString() => String() ?? throw new FormatException("A packed string that cannot be null is null.");

    public DateTimeOffset Timestamp()
    {
        var ticks = (long)UInt();
        var offset = TimeSpan.FromMinutes(Int());
        return new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset);
    }

    public DateTimeOffset? NullableTimestamp() => Bool() ? Timestamp() : null;

    public string? MessageId() => Byte() switch
    {
        0 => null,
        1 => new Guid(Take(16)).ToString("D"),
        2 => String(),
        var other => throw new FormatException($"Unknown message id form {other}."),
    };

    public MessageKey MessageKey() => Byte() switch
    {
        1 => new MessageKey(new Guid(Take(16)), null),
        2 => new MessageKey(default, RequiredString()),
        var other => throw new FormatException($"Unknown message id form {other}."),
    };

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > _data.Length) throw Truncated();
        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    private static FormatException Truncated() => new("The packed profile ends early.");
}
