namespace Varde.Domain.Organisations;

/// <summary>
/// The organisasjonsnummer of the Central Coordinating Register for Legal Entities (Enhetsregisteret): nine digits, the
/// last a modulus-11 check digit over the first eight with the weights 3, 2, 7, 6, 5, 4, 3, 2. A remainder of 0 gives 0;
/// a check digit that would be 10 is never issued, so such a number is invalid.
/// </summary>
public static class OrganisationNumber
{
    private static readonly int[] Weights = [3, 2, 7, 6, 5, 4, 3, 2];

    public static bool IsValid(string? value) =>
        value is { Length: 9 } && value.All(char.IsAsciiDigit) && CheckDigit(value[..8]) == value[8] - '0';

    /// <summary>The check digit for the first eight digits, or null when none exists (the remainder gives 10).</summary>
    public static int? CheckDigit(string firstEight)
    {
        if (firstEight.Length != 8 || !firstEight.All(char.IsAsciiDigit))
            throw new ArgumentException("Eight digits are needed.", nameof(firstEight));
        var sum = 0;
        for (var i = 0; i < 8; i++)
            sum += (firstEight[i] - '0') * Weights[i];
        var digit = (11 - (sum % 11)) % 11;
        return digit == 10 ? null : digit;
    }

    /// <summary>The number without the spaces people write in it ("974 760 673"), or null when blank.</summary>
    public static string? Normalise(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : string.Concat(value.Where(c => !char.IsWhiteSpace(c)));
}
