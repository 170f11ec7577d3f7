using System.Data.Common;
using System.Text;
using Npgsql;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// Reads a text column's characters into buffers it keeps (grown when too small), not into a new string per row: for a
/// column read from every row of a national query and parsed at once. A pathway's step days are some 750 bytes each as
/// a string, 100,000 rows per request. On PostgreSQL from the column's bytes (<see cref="DbDataReader.GetStream"/>, in
/// the UTF-8 client encoding Npgsql uses): Npgsql's <c>GetChars</c> makes the whole string first. On SQLite as a string:
/// Microsoft.Data.Sqlite's <c>GetStream</c> copies the value into a new array and stream and looks up every selected
/// column's metadata per call, which costs more than the string.
/// </summary>
/// <remarks>One instance per reading loop (it is not thread-safe); a span it gives is valid until its next read.</remarks>
public sealed class ColumnText
{
    private byte[] _bytes = new byte[1024];
    private char[] _chars = new char[1024];

    /// <summary>The characters of the column in the current row; valid until the next read.</summary>
    public ReadOnlySpan<char> Read(DbDataReader reader, int ordinal)
    {
        if (reader is not NpgsqlDataReader)
            return reader.GetString(ordinal);
        using var stream = reader.GetStream(ordinal);
        var length = 0;
        int read;
        while ((read = stream.Read(_bytes, length, _bytes.Length - length)) > 0)
        {
            length += read;
            if (length == _bytes.Length)
                Array.Resize(ref _bytes, _bytes.Length * 2);
        }

        // UTF-8 never has more characters than bytes.
        if (_chars.Length < length)
            _chars = new char[_bytes.Length];
        return _chars.AsSpan(0, Encoding.UTF8.GetChars(_bytes.AsSpan(0, length), _chars));
    }
}
