using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;

namespace Varde.Server.Features.Installation;

/// <summary>
/// A new installation has no administrator. At such a start Varde makes a one-time set-up code and prints it on the
/// server's console (not in the log files: it is a credential), with where to use it (<c>/oppsett</c>). Only someone
/// who can read the server's console can set the installation up, not whoever reaches the page first. The code lives
/// in this process only: a restart before set-up prints a new one, and it is gone once the first administrator exists.
/// </summary>
public sealed class FirstStart
{
    private readonly Lock _gate = new();
    private string? _code;

    /// <summary>The code waiting to be used, or null (set up already, or not checked yet).</summary>
    public string? PendingCode
    {
        get
        {
            lock (_gate)
                return _code;
        }
    }

    public bool Pending => PendingCode is not null;

    /// <summary>Takes the code if <paramref name="given"/> is it (spaces and dashes ignored): true once, then never again.</summary>
    public bool TryUse(string? given)
    {
        var digits = new string((given ?? "").Where(char.IsAsciiDigit).ToArray());
        lock (_gate)
        {
            if (_code is null || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(digits),
                    System.Text.Encoding.ASCII.GetBytes(_code.Replace("-", ""))))
                return false;
            _code = null;
            return true;
        }
    }

    /// <summary>Gives the code back when the set-up it was used for failed to store (it was checked before the data).</summary>
    public void Restore(string code)
    {
        lock (_gate)
            _code ??= code;
    }

    /// <summary>At start: when no administrator exists, makes the code and prints how to use it.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VardeDbContext>();
        var first = services.GetRequiredService<FirstStart>();
        if (await db.StaffMembers.AnyAsync(s => s.Role == Role.Administrator, ct))
        {
            lock (first._gate)
                first._code = null;
            return;
        }

        var code = $"{RandomNumberGenerator.GetInt32(0, 10_000):D4}-{RandomNumberGenerator.GetInt32(0, 10_000):D4}";
        lock (first._gate)
            first._code = code;
        Console.Out.WriteLine($"Varde first start: no administrator yet. Open /oppsett and give the set-up code {code} to create the first administrator and organisation.");
    }
}
