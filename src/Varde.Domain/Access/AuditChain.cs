using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Varde.Domain.Access;

/// <summary>
/// The hash chain that makes the audit logs tamper-evident (ADR 0051). Each sealed entry's link is
/// SHA-256 over the previous link and the entry's fields, each field written as a 4-byte big-endian length and its
/// UTF-8 bytes (a missing field as length −1), so no two different entries give the same input. The first link of a
/// log follows <see cref="Start"/>. Changing, removing or inserting an entry anywhere in the chain changes every link
/// after it, so a chain that still ends in a head kept outside the database was not altered.
/// </summary>
public static class AuditChain
{
    /// <summary>What the first entry of a log is chained to.</summary>
    public static readonly string Start = new('0', 64);

    /// <summary>The link of an entry: lower-case hex of SHA-256(previous link's 32 bytes, the log's name, the fields).</summary>
    public static string Link(string previous, string log, IReadOnlyList<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Convert.FromHexString(previous));
        Append(hash, log);
        foreach (var field in fields)
            Append(hash, field);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string? field)
    {
        Span<byte> length = stackalloc byte[4];
        if (field is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            hash.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(field);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
