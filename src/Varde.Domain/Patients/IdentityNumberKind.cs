namespace Varde.Domain.Patients;

/// <summary>Which Norwegian identity number scheme a number belongs to (standards.md §2.1–2.2).</summary>
public enum IdentityNumberKind
{
    /// <summary>Fødselsnummer, issued by Folkeregisteret.</summary>
    Fodselsnummer,

    /// <summary>D-nummer, for people without a fødselsnummer (first digit + 4).</summary>
    DNummer,

    /// <summary>H-nummer, a local help number (third digit + 4).</summary>
    HNummer,
}
