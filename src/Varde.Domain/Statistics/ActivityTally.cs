using Varde.Domain.Pathways;

namespace Varde.Domain.Statistics;

/// <summary>
/// The counts <see cref="ActivityFigures"/> makes from every patient, in one pass over them: the recipients (patients
/// followed on some day of the period), their days, the periods of follow-up started and ended in it, the referrals and
/// decisions, and where each patient stood at the period's end. Before any suppression. One
/// <see cref="PatientFacts"/> per patient.
/// </summary>
/// <remarks>
/// One pass with indexed loops, not a LINQ chain per figure: the installation's figures are made from 100,000 patients
/// per request, and the pairs, lists and enumerators of the chains were much of what the collector had to clear.
/// <see cref="StatesAtEnd"/> is indexed by <see cref="PathwayState"/>'s numbers, which run 0, 1, 2… (a domain test
/// holds them to it).
/// </remarks>
internal sealed class ActivityTally
{
    /// <summary>The patients followed on some day of the period, each once.</summary>
    public List<PatientFacts> Recipients { get; } = [];

    /// <summary>The periods of follow-up that ended in the period.</summary>
    public List<FollowUpEpisode> Ended { get; } = [];

    /// <summary>The periods of follow-up that started in the period.</summary>
    public int Started { get; private set; }

    /// <summary>The recipients' days of follow-up in the period.</summary>
    public int PatientDays { get; private set; }

    /// <summary>The pathways referred in the period.</summary>
    public int Referrals { get; private set; }

    /// <summary>The pathways accepted in the period (their decision made in it).</summary>
    public int Accepted { get; private set; }

    /// <summary>The pathways declined in the period (their decision made in it).</summary>
    public int Declined { get; private set; }

    /// <summary>
    /// The patients by where they stood at the period's end, indexed by <see cref="PathwayState"/>; the last is the
    /// patients enrolled without any pathway. Each patient whose pathway was open on some day of the period (referred
    /// by its end, not closed before its start) is counted by the newest such pathway.
    /// </summary>
    public int[] StatesAtEnd { get; } = new int[Enum.GetValues<PathwayState>().Length + 1];

    public static ActivityTally Of(IEnumerable<PatientFacts> patients, StatisticsPeriod period)
    {
        var tally = new ActivityTally();
        foreach (var patient in patients)
        {
            tally.CountFollowUp(patient, period);
            tally.CountPathways(patient, period);
        }

        return tally;
    }

    private void CountFollowUp(PatientFacts patient, StatisticsPeriod period)
    {
        var followed = false;
        var episodes = patient.Episodes();
        for (var i = 0; i < episodes.Count; i++)
        {
            var episode = episodes[i];
            if (episode.Overlaps(period))
            {
                followed = true;
                PatientDays += episode.DaysIn(period);
            }

            if (period.Contains(episode.StartedOn))
                Started++;
            if (episode.EndedOn is { } end && period.Contains(end))
                Ended.Add(episode);
        }

        if (followed)
            Recipients.Add(patient);
    }

    private void CountPathways(PatientFacts patient, StatisticsPeriod period)
    {
        if (patient.Pathways.Count == 0)
        {
            if (patient.EnrolledOn <= period.To)
                StatesAtEnd[^1]++;
            return;
        }

        PathwayFacts? newest = null;
        var pathways = patient.Pathways;
        for (var i = 0; i < pathways.Count; i++)
        {
            var pathway = pathways[i];
            if (period.Contains(pathway.ReferredOn))
                Referrals++;
            if (pathway.DecidedOn is { } decided && period.Contains(decided))
            {
                if (pathway.Declined)
                    Declined++;
                else
                    Accepted++;
            }

            if (pathway.ReferredOn <= period.To && (pathway.ClosedOn is not { } closed || closed >= period.From))
                newest = pathway;
        }

        if (newest?.StateAt(period.To) is { } state)
            StatesAtEnd[(int)state]++;
    }
}
