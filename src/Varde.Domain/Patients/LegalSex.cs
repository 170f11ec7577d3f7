namespace Varde.Domain.Patients;

/// <summary>
/// The legal sex (juridisk kjønn) as Folkeregisteret records it, which the directorate's statistics count by. Today it
/// follows from every Norwegian identity number (the ninth digit: odd for men, even for women; standards.md §2.1).
/// </summary>
public enum LegalSex
{
    Female,
    Male,
}
