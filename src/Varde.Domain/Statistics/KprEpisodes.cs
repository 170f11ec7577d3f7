using Varde.Domain.Patients;

namespace Varde.Domain.Statistics;

/// <summary>What the KPR file needs of a patient besides the facts: the identity number and the municipality's number.</summary>
public sealed record KprPatient(string IdentityNumber, IdentityNumberKind IdentityKind, string? MunicipalityNumber, PatientFacts Facts);

/// <summary>One line of the KPR file: a person's follow-up episode with the service type, its start, end and decision.</summary>
public sealed record KprEpisode(Guid PatientId, string IdentityNumber, string MunicipalityNumber, string ServiceType, DateOnly StartDate, DateOnly? EndDate,
    DateOnly? DecisionDate);

/// <summary>A problem found before export: an error leaves the episode out of the file, a warning does not.</summary>
public sealed record KprProblem(Guid PatientId, string Severity, string Code, string Message);

/// <summary>
/// The municipal patient register's (KPR) view of digital home follow-up: each episode that overlaps the period, one
/// line per person and episode, with a validation report made before the file (docs/statistics.md, "KPR file"). The
/// official code list for the DHO service type is not available here; <see cref="ServiceType"/> is the one place it is set.
/// </summary>
public static class KprEpisodes
{
    /// <summary>The service type written for DHO. Replace with KPR's code when its guide for DHO is published.</summary>
    public const string ServiceType = "digital-hjemmeoppfolging";

    public const string Error = "error";
    public const string Warning = "warning";

    /// <summary>The episodes in the period that can be reported, and the problems found (the episodes with errors are left out).</summary>
    public static (IReadOnlyList<KprEpisode> Episodes, IReadOnlyList<KprProblem> Problems) Of(IEnumerable<KprPatient> patients, StatisticsPeriod period)
    {
        var episodes = new List<KprEpisode>();
        var problems = new List<KprProblem>();
        foreach (var patient in patients.OrderBy(p => p.IdentityNumber, StringComparer.Ordinal))
        {
            var facts = patient.Facts;
            var all = facts.Episodes().OrderBy(e => e.StartedOn).ToList();
            var inPeriod = all.Where(e => e.Overlaps(period)).ToList();
            if (inPeriod.Count == 0)
                continue;
            var errors = new List<KprProblem>();
            void Problem(string severity, string code, string message) =>
                (severity == Error ? errors : problems).Add(new(facts.PatientId, severity, code, message));

            if (patient.IdentityKind == IdentityNumberKind.HNummer)
                Problem(Error, "h-number", "The patient has an H-nummer (a local help number); KPR needs a fødselsnummer or D-nummer. Register the right number.");
            if (patient.MunicipalityNumber is null)
                Problem(Error, "no-municipality-number", "The patient's municipality has no municipality number.");
            for (var i = 1; i < all.Count; i++)
            {
                if (all[i - 1].EndedOn is not { } end || all[i].StartedOn <= end)
                    Problem(Error, "overlapping", $"Two episodes overlap: one from {all[i - 1].StartedOn:yyyy-MM-dd} and one from {all[i].StartedOn:yyyy-MM-dd}. End the first.");
            }

            foreach (var episode in inPeriod)
            {
                if (episode.DecidedOn is null)
                    Problem(Warning, "no-decision-date", facts.Pathways.Count == 0
                        ? $"Followed from enrolment on {episode.StartedOn:yyyy-MM-dd} without a pathway: no decision date is reported."
                        : $"The episode from {episode.StartedOn:yyyy-MM-dd} has no decision date.");
                else if (episode.DecidedOn > episode.StartedOn)
                    Problem(Error, "decided-after-start", $"The decision ({episode.DecidedOn:yyyy-MM-dd}) is after the start ({episode.StartedOn:yyyy-MM-dd}).");
            }

            problems.AddRange(errors);
            if (errors.Count == 0)
                episodes.AddRange(inPeriod.Select(e => new KprEpisode(facts.PatientId, patient.IdentityNumber, patient.MunicipalityNumber!, ServiceType, e.StartedOn,
                    e.EndedOn, e.DecidedOn)));
        }

        return (episodes, problems);
    }
}
