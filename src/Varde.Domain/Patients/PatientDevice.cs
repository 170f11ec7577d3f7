using System.Security.Cryptography;
using System.Text;

namespace Varde.Domain.Patients;

/// <summary>
/// A tablet lent to a patient who has no BankID (the seeds' documented alternative). The coordinator issues a
/// one-time enrolment code; on the tablet the patient enters it once and chooses a short PIN. From then on the tablet
/// holds a long random device secret (a cookie), and the patient signs in with the PIN on that tablet only: the PIN
/// alone is worth nothing elsewhere. Five wrong PINs lock the tablet for 15 minutes; staff can revoke it at any time.
/// Only hashes of the code, the secret and the PIN are kept.
/// </summary>
public sealed class PatientDevice
{
    public const int MaxLabelLength = 100;
    public const int FailuresBeforeLock = 5;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromHours(72);
    public static readonly TimeSpan LockTime = TimeSpan.FromMinutes(15);
    private const int PinIterations = 100_000;

    private PatientDevice()
    {
        Label = "";
        CreatedBy = "";
    }

    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    /// <summary>What staff call the tablet, e.g. "Nettbrett fra Horten kommune, nr. 12".</summary>
    public string Label { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>SHA-256 of the one-time code while it is unused; cleared at enrolment.</summary>
    public string? EnrolmentCodeHash { get; private set; }

    public DateTimeOffset? CodeExpiresAt { get; private set; }

    public DateTimeOffset? EnrolledAt { get; private set; }

    public string? SecretHash { get; private set; }

    /// <summary>PBKDF2 (SHA-256) of the PIN with a random salt, as "salt.hash" in base64.</summary>
    public string? PinHash { get; private set; }

    public int FailedPinAttempts { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public DateTimeOffset? LastSignInAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    public PatientDeviceState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? PatientDeviceState.Revoked
        : EnrolledAt is not null ? PatientDeviceState.Enrolled
        : CodeExpiresAt < now ? PatientDeviceState.CodeExpired
        : PatientDeviceState.AwaitingEnrolment;

    /// <summary>Issues a device record and its one-time code (8 digits, shown to staff once, valid 72 hours).</summary>
    public static Validated<(PatientDevice Device, string Code)> Issue(Guid id, Guid patientId, string? label, string createdBy, DateTimeOffset now)
    {
        var trimmed = label?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLabelLength)
            return Validated<(PatientDevice, string)>.Fail("label", $"Name the tablet in 1–{MaxLabelLength} characters, so staff can tell it from others.");
        var code = RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        var device = new PatientDevice
        {
            Id = id,
            PatientId = patientId,
            Label = trimmed,
            CreatedBy = createdBy,
            CreatedAt = now.ToUniversalTime(),
            EnrolmentCodeHash = CodeHash(code),
            CodeExpiresAt = (now + CodeLifetime).ToUniversalTime(),
        };
        return Validated<(PatientDevice, string)>.Ok((device, code));
    }

    /// <summary>The lookup key of a code as typed: digits only, so "1234 5678" and "12345678" are the same code.</summary>
    public static string CodeHash(string code) => Sha256(new string(code.Where(char.IsAsciiDigit).ToArray()));

    /// <summary>
    /// Enrols this tablet with the one-time code and the chosen PIN, and returns the device secret the tablet keeps.
    /// The code is used up only by a successful enrolment: a PIN that breaks the rules leaves it usable for another try.
    /// </summary>
    public Validated<string> Enrol(string? code, string? pin, DateTimeOffset now)
    {
        var state = StateAt(now);
        if (state != PatientDeviceState.AwaitingEnrolment || code is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeHash(code)), Encoding.ASCII.GetBytes(EnrolmentCodeHash ?? "")))
            return Validated<string>.Fail("code", "The code is wrong, used or expired. Ask the follow-up service for a new one.");
        var pinErrors = PinRules.Check(pin);
        if (pinErrors.Count > 0)
            return Validated<string>.Fail(pinErrors);

        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        SecretHash = Sha256(secret);
        PinHash = HashPin(pin!);
        EnrolledAt = now.ToUniversalTime();
        EnrolmentCodeHash = null;
        CodeExpiresAt = null;
        return Validated<string>.Ok(secret);
    }

    /// <summary>Whether <paramref name="secret"/> is this tablet's secret (checked before anything else about a sign-in).</summary>
    public bool HoldsSecret(string? secret) =>
        secret is not null && SecretHash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sha256(secret)), Encoding.ASCII.GetBytes(SecretHash));

    /// <summary>Checks the PIN on this tablet, counting failures; the caller has already checked the device secret.</summary>
    public PinSignIn SignIn(string? pin, DateTimeOffset now)
    {
        if (StateAt(now) != PatientDeviceState.Enrolled)
            return PinSignIn.NotEnrolled;
        if (LockedUntil > now)
            return PinSignIn.Locked;
        if (pin is null || PinHash is null || !VerifyPin(pin, PinHash))
        {
            FailedPinAttempts++;
            if (FailedPinAttempts % FailuresBeforeLock == 0)
            {
                LockedUntil = (now + LockTime).ToUniversalTime();
                return PinSignIn.Locked;
            }

            return PinSignIn.WrongPin;
        }

        FailedPinAttempts = 0;
        LockedUntil = null;
        LastSignInAt = now.ToUniversalTime();
        return PinSignIn.Ok;
    }

    public bool Revoke(string revokedBy, DateTimeOffset now)
    {
        if (RevokedAt is not null)
            return false;
        RevokedAt = now.ToUniversalTime();
        RevokedBy = revokedBy;
        EnrolmentCodeHash = null;
        return true;
    }

    private static string HashPin(string pin)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(pin, salt, PinIterations, HashAlgorithmName.SHA256, 32);
        return Convert.ToBase64String(salt) + "." + Convert.ToBase64String(hash);
    }

    private static bool VerifyPin(string pin, string stored)
    {
        var parts = stored.Split('.');
        var expected = Convert.FromBase64String(parts[1]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(pin, Convert.FromBase64String(parts[0]), PinIterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static string Sha256(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public enum PatientDeviceState
{
    AwaitingEnrolment,
    CodeExpired,
    Enrolled,
    Revoked,
}

public enum PinSignIn
{
    Ok,
    WrongPin,
    Locked,
    NotEnrolled,
}

/// <summary>A PIN is 4 to 6 digits and not one anybody would guess first (all one digit, or a straight run like 1234 or 9876).</summary>
public static class PinRules
{
    public static List<ValidationError> Check(string? pin)
    {
        if (pin is null || pin.Length is < 4 or > 6 || !pin.All(char.IsAsciiDigit))
            return [new("pin", "The PIN is 4 to 6 digits.")];
        var steps = pin.Zip(pin.Skip(1), (a, b) => b - a).Distinct().ToList();
        if (steps is [0] or [1] or [-1])
            return [new("pin", "Choose a PIN that is harder to guess than the same digit or a straight run.")];
        return [];
    }
}
