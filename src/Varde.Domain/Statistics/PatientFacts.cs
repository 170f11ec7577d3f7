using Varde.Domain.Pathways;
using Varde.Domain.Patients;

namespace Varde.Domain.Statistics;

/// <summary>
/// What the figures need of one patient, and nothing more: no name, no identity number. Days are Norwegian dates.
/// The municipality and diagnoses are today's (Varde does not keep their history).
/// </summary>
public sealed record PatientFacts(Guid PatientId, LegalSex Sex, DateOnly BirthDate, Guid MunicipalityId, DiagnosisGroup Diagnoses, DateOnly EnrolledOn,
    IReadOnlyList<PathwayFacts> Pathways)
{
    /// <summary>Age in whole years on a day.</summary>
    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        return BirthDate.AddYears(age) > day ? age - 1 : age;
    }

    /// <summary>
    /// The periods of follow-up at home (the episodes the registry counts): each pathway's from the day its trial period
    /// started to the day it ended (open while it has not); a pathway that ended or was declined before its trial is
    /// none. A patient enrolled without any pathway is followed from enrolment (<see cref="FollowedPatients"/>).
    /// </summary>
    public IReadOnlyList<FollowUpEpisode> Episodes()
    {
        if (Pathways.Count == 0)
            return [new FollowUpEpisode(EnrolledOn, null, null)];
        // A loop, not LINQ: national figures ask this of 100,000 patients per request.
        var started = 0;
        foreach (var pathway in Pathways)
        {
            if (pathway.StartedOn is not null)
                started++;
        }

        if (started == 0)
            return [];
        var episodes = new FollowUpEpisode[started];
        var i = 0;
        foreach (var pathway in Pathways)
        {
            if (pathway.StartedOn is { } on)
                episodes[i++] = new FollowUpEpisode(on, pathway.EndedOn, pathway.EndReason, pathway.DecidedOn);
        }

        return episodes;
    }

    /// <summary>The day the first of the <see cref="Episodes"/> started (null when none has), without making them.</summary>
    public DateOnly? FollowedFrom
    {
        get
        {
            if (Pathways.Count == 0)
                return EnrolledOn;
            DateOnly? first = null;
            foreach (var pathway in Pathways)
            {
                if (pathway.StartedOn is { } started && (first is null || started < first))
                    first = started;
            }

            return first;
        }
    }
}

/// <summary>
/// One pathway, as dates: each step's resulting state and day, in order, and the evaluations held (the statistics fill
/// these in only for a pathway that held one in the period they count; none otherwise). A patient's pathways are given in
/// the order they were referred.
/// </summary>
public sealed record PathwayFacts(DateOnly ReferredOn, IReadOnlyList<PathwayStepFact> Steps, DateOnly? StartedOn, DateOnly? EndedOn, EndReason? EndReason,
    IReadOnlyList<EvaluationFact>? Evaluations = null)
{
    /// <summary>Where the pathway stood at the end of a day; null when it was not referred yet.</summary>
    public PathwayState? StateAt(DateOnly day)
    {
        PathwayState? state = null;
        foreach (var step in Steps)
        {
            if (step.On > day)
                break;
            state = step.State;
        }

        return state;
    }

    /// <summary>The day of the decision (accepted or declined), if one was made.</summary>
    public DateOnly? DecidedOn => FirstOn(s => s.Step == PathwayStep.Decide);

    /// <summary>Whether it was declined (the decision's outcome).</summary>
    public bool Declined => Steps.Any(s => s.Step == PathwayStep.Decide && s.State == PathwayState.Declined);

    /// <summary>The day it was closed (declined or ended), if it was.</summary>
    public DateOnly? ClosedOn => FirstOn(s => s.State is PathwayState.Declined or PathwayState.Ended);

    private DateOnly? FirstOn(Func<PathwayStepFact, bool> which)
    {
        foreach (var step in Steps)
        {
            if (which(step))
                return step.On;
        }

        return null;
    }
}

/// <summary>
/// A step of a pathway: which, the state it led to, and the day; an evaluation's with the nurse's structured assessment
/// (none for those held before it existed). A value, not an object: national figures hold hundreds of thousands.
/// </summary>
public readonly record struct PathwayStepFact(PathwayStep Step, PathwayState State, DateOnly On, EvaluationAssessment? Assessment = null);

/// <summary>A period of follow-up at home: started, and ended (with why) or still going on; the day of its decision, when it had one.</summary>
public sealed record FollowUpEpisode(DateOnly StartedOn, DateOnly? EndedOn, EndReason? EndReason, DateOnly? DecidedOn = null)
{
    /// <summary>Whether it was going on on some day of the period.</summary>
    public bool Overlaps(StatisticsPeriod period) => StartedOn <= period.To && (EndedOn is null || EndedOn >= period.From);

    /// <summary>The days of the period it covers (its first and last day included).</summary>
    public int DaysIn(StatisticsPeriod period)
    {
        if (!Overlaps(period))
            return 0;
        var first = StartedOn > period.From ? StartedOn : period.From;
        var last = EndedOn is { } end && end < period.To ? end : period.To;
        return last.DayNumber - first.DayNumber + 1;
    }

    /// <summary>Its length in days, first and last included (an ended episode only).</summary>
    public int? LengthDays => EndedOn is { } end ? end.DayNumber - StartedOn.DayNumber + 1 : null;
}
