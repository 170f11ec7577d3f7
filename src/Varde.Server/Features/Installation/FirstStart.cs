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
    /// <summary>Wrong codes allowed before the code is void (a restart prints a new one): 10 guesses of 10^8.</summary>
    public const int MaxWrongCodes = 10;

    private readonly Lock _gate = new();
    private string? _code;
    private int _wrong;

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

    /// <summary>
    /// Takes the code if <paramref name="given"/> is it (spaces and dashes ignored): true once, then never again. After
    /// <see cref="MaxWrongCodes"/> wrong ones the code is void, so it cannot be guessed by trying; the console says so.
    /// </summary>
    public bool TryUse(string? given)
    {
        var digits = new string((given ?? "").Where(char.IsAsciiDigit).ToArray());
        lock (_gate)
        {
            if (_code is null)
                return false;
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(digits), System.Text.Encoding.ASCII.GetBytes(_code.Replace("-", ""))))
            {
                _code = null;
                return true;
            }

            if (++_wrong >= MaxWrongCodes)
            {
                _code = null;
                Console.Out.WriteLine($"Varde first start: {MaxWrongCodes} wrong set-up codes; the code is void. Restart Varde for a new one.");
            }

            return false;
        }
    }

    /// <summary>Gives the code back when the set-up it was used for failed to store (it was checked before the data).</summary>
    public void Restore(string code)
    {
        lock (_gate)
            _code ??= code;
    }

    /// <summary>Makes a new random code (8 digits, "1234-5678"), replacing any earlier one, and returns it.</summary>
    public string Issue()
    {
        var code = $"{RandomNumberGenerator.GetInt32(0, 10_000):D4}-{RandomNumberGenerator.GetInt32(0, 10_000):D4}";
        lock (_gate)
            (_code, _wrong) = (code, 0);
        return code;
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

        var code = first.Issue();
        Console.Out.WriteLine($"Varde first start: no administrator yet. Open /oppsett and give the set-up code {code} to create the first administrator and organisation.");
    }
}
