using Varde.Domain.Patients;

namespace Varde.Domain.Statistics;

/// <summary>
/// The inhabitants of a municipality on 1 January of a year, of one sex and age group, as Statistics Norway publishes
/// them (table 07459); the denominators of the figures per 1,000 inhabitants. Imported, never typed in.
/// </summary>
public sealed class PopulationCount
{
    private PopulationCount()
    {
        MunicipalityNumber = "";
        AgeGroup = "";
    }

    public PopulationCount(string municipalityNumber, int year, LegalSex sex, string ageGroup, int count)
    {
        MunicipalityNumber = municipalityNumber;
        Year = year;
        Sex = sex;
        AgeGroup = ageGroup;
        Count = count;
    }

    public string MunicipalityNumber { get; private set; }

    /// <summary>The year whose 1 January the count is of.</summary>
    public int Year { get; private set; }

    public LegalSex Sex { get; private set; }

    /// <summary>One of <see cref="AgeGroups.All"/>.</summary>
    public string AgeGroup { get; private set; }

    public int Count { get; private set; }
}

/// <summary>One year's population as imported: where it came from, when and by whom, and how much it held.</summary>
public sealed class PopulationImport
{
    private PopulationImport()
    {
        Source = "";
        ImportedBy = "";
    }

    public PopulationImport(int year, string source, DateTimeOffset importedAt, string importedBy, int municipalities, long inhabitants)
    {
        Year = year;
        Source = source;
        ImportedAt = importedAt;
        ImportedBy = importedBy;
        Municipalities = municipalities;
        Inhabitants = inhabitants;
    }

    public int Year { get; private set; }

    /// <summary>The table and download the figures came from, as the importer wrote it.</summary>
    public string Source { get; private set; }

    public DateTimeOffset ImportedAt { get; private set; }

    public string ImportedBy { get; private set; }

    public int Municipalities { get; private set; }

    public long Inhabitants { get; private set; }
}
