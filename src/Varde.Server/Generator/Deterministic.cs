using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Varde.Server.Generator;

/// <summary>
/// Ids and random seeds that depend only on the generator's seed and what they are for, never on the process (unlike
/// <see cref="HashCode"/>), so the same seed gives the same data on every run and machine.
/// </summary>
public static class Deterministic
{
    public static Guid Id(int seed, string what, long n)
    {
        Span<byte> input = stackalloc byte[12 + Encoding.UTF8.GetMaxByteCount(what.Length)];
        BinaryPrimitives.WriteInt32LittleEndian(input, seed);
        BinaryPrimitives.WriteInt64LittleEndian(input[4..], n);
        var length = 12 + Encoding.UTF8.GetBytes(what, input[12..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input[..length], hash);
        hash[7] = (byte)((hash[7] & 0x0F) | 0x40); // version 4 layout, variant 1
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]);
    }

    public static Random Random(int seed, string what, long n)
    {
        var id = Id(seed, what, n).ToByteArray();
        return new Random(BinaryPrimitives.ReadInt32LittleEndian(id));
    }
}
