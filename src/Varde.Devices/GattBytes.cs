using System.Buffers.Binary;

namespace Varde.Devices;

/// <summary>
/// Reads a characteristic value front to back, little-endian as GATT is. Every read checks the length first and
/// returns false instead of throwing, so a short value becomes a refusal that names the field that was missing.
/// </summary>
internal ref struct GattBytes(ReadOnlySpan<byte> value)
{
    private readonly ReadOnlySpan<byte> _value = value;
    private int _at;

    public readonly int Remaining => _value.Length - _at;

    public bool TryUInt8(out byte result)
    {
        result = 0;
        if (Remaining < 1)
            return false;
        result = _value[_at++];
        return true;
    }

    public bool TryUInt16(out ushort result)
    {
        result = 0;
        if (Remaining < 2)
            return false;
        result = BinaryPrimitives.ReadUInt16LittleEndian(_value[_at..]);
        _at += 2;
        return true;
    }

    public bool TrySInt16(out short result)
    {
        var read = TryUInt16(out var raw);
        result = unchecked((short)raw);
        return read;
    }

    public bool TryUInt24(out uint result)
    {
        result = 0;
        if (Remaining < 3)
            return false;
        result = (uint)(_value[_at] | (_value[_at + 1] << 8) | (_value[_at + 2] << 16));
        _at += 3;
        return true;
    }

    public bool TryUInt32(out uint result)
    {
        result = 0;
        if (Remaining < 4)
            return false;
        result = BinaryPrimitives.ReadUInt32LittleEndian(_value[_at..]);
        _at += 4;
        return true;
    }

    /// <summary>A time stamp when <paramref name="present"/> (its flag is set), else none; false when promised but missing.</summary>
    public bool TryOptionalDateTime(bool present, out DeviceDateTime? result)
    {
        result = null;
        if (!present)
            return true;
        if (!TryDateTime(out var stamp))
            return false;
        result = stamp;
        return true;
    }

    public bool TryDateTime(out DeviceDateTime result)
    {
        result = default;
        if (Remaining < DeviceDateTime.Length)
            return false;
        result = DeviceDateTime.Read(_value.Slice(_at, DeviceDateTime.Length));
        _at += DeviceDateTime.Length;
        return true;
    }
}
