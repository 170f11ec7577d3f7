using System.Security.Cryptography;
using System.Text;
using Varde.Domain.Patients;

namespace Varde.Domain.Relatives;

/// <summary>
/// A relative (pårørende) a patient has invited to take part: name, relation ("datter"), how to reach them, and
/// optionally their identity number so they can sign in with ID-porten. Without one they sign in with a one-time code
/// the inviter passes on (8 digits, 72 hours, one use; only its hash is kept). What they may do is the newest
/// <see cref="RelativeConsent"/>, never a field here. A relative acts for one patient; the same person invited by two
/// patients is two relatives.
/// </summary>
public sealed class Relative
{
    public const int MaxNameLength = 100;
    public const int MaxRelationLength = 40;
    public const int MaxContactLength = 100;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromHours(72);

    private Relative()
    {
        Name = "";
        Relation = "";
        InvitedBy = "";
    }

    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    public string Name { get; private set; }

    /// <summary>What the relative is to the patient, in the patient's words: "datter", "ektefelle", "nabo".</summary>
    public string Relation { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    /// <summary>The relative's own identity number, for ID-porten sign-in; null when they use one-time codes.</summary>
    public string? IdentityNumber { get; private set; }

    public DateTimeOffset InvitedAt { get; private set; }

    public string InvitedBy { get; private set; }

    /// <summary>SHA-256 of the one-time sign-in code while it is unused.</summary>
    public string? SignInCodeHash { get; private set; }

    public DateTimeOffset? CodeExpiresAt { get; private set; }

    public DateTimeOffset? LastSignInAt { get; private set; }

    /// <summary>"datter Kari": how an act of theirs is marked ("sendt av datter Kari").</summary>
    public string Label => $"{Relation} {Name}";

    /// <summary>Checks the invitation's details and makes the relative with a first one-time code.</summary>
    public static Validated<(Relative Relative, string Code)> Invite(Guid id, Guid patientId, string? name, string? relation, string? phone,
        string? email, string? identityNumber, string invitedBy, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        var trimmedName = name?.Trim() ?? "";
        if (trimmedName.Length is 0 or > MaxNameLength)
            errors.Add(new("name", $"Give the relative's name in 1–{MaxNameLength} characters."));
        var trimmedRelation = relation?.Trim() ?? "";
        if (trimmedRelation.Length is 0 or > MaxRelationLength)
            errors.Add(new("relation", $"Say what the relative is to the patient (e.g. datter, ektefelle) in 1–{MaxRelationLength} characters."));
        var cleanPhone = PhoneNumber.Clean(phone);
        if (PhoneNumber.Check(cleanPhone, "phone") is { } phoneError)
            errors.Add(phoneError);
        var cleanEmail = Blank(email);
        if (cleanEmail is not null && (cleanEmail.Length > MaxContactLength || cleanEmail.IndexOf('@', StringComparison.Ordinal) is <= 0
            || cleanEmail.EndsWith('@') || cleanEmail.Any(char.IsWhiteSpace)))
            errors.Add(new("email", "That is not an e-mail address."));
        if (cleanPhone is null && cleanEmail is null)
            errors.Add(new("phone", "Give a phone number or an e-mail address, so the relative can be reached."));
        string? pid = null;
        if (Blank(identityNumber) is { } given)
        {
            var parsed = NorwegianIdentityNumber.Parse(given, "identityNumber");
            if (parsed.IsValid)
                pid = parsed.Value.Value;
            else
                errors.AddRange(parsed.Errors);
        }

        if (errors.Count > 0)
            return Validated<(Relative, string)>.Fail(errors);
        var relative = new Relative
        {
            Id = id,
            PatientId = patientId,
            Name = trimmedName,
            Relation = trimmedRelation,
            Phone = cleanPhone,
            Email = cleanEmail,
            IdentityNumber = pid,
            InvitedAt = now.ToUniversalTime(),
            InvitedBy = invitedBy,
        };
        return Validated<(Relative, string)>.Ok((relative, relative.NewCode(now)));
    }

    /// <summary>A new one-time code (the old one stops working).</summary>
    public string NewCode(DateTimeOffset now)
    {
        var code = RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        SignInCodeHash = CodeHash(code);
        CodeExpiresAt = (now + CodeLifetime).ToUniversalTime();
        return code;
    }

    /// <summary>Uses the one-time code: true once, while it is unexpired; the code is gone after.</summary>
    public bool UseCode(string? code, DateTimeOffset now)
    {
        if (code is null || SignInCodeHash is null || CodeExpiresAt is not { } expires || expires < now
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeHash(code)), Encoding.ASCII.GetBytes(SignInCodeHash)))
            return false;
        SignInCodeHash = null;
        CodeExpiresAt = null;
        LastSignInAt = now.ToUniversalTime();
        return true;
    }

    public void SignedIn(DateTimeOffset now) => LastSignInAt = now.ToUniversalTime();

    /// <summary>The lookup key of a code as typed: digits only.</summary>
    public static string CodeHash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(new string(code.Where(char.IsAsciiDigit).ToArray()))));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
