using Varde.Domain.Access;
using Varde.Domain.Statistics;

namespace Varde.Domain.Pathways;

/// <summary>
/// One patient's pathway through the service: referral → assessment → decision (accepted with a start date, or
/// declined with a reason; written information) → start-up (home visit, training, equipment by serial) → trial
/// period (2–4 weeks, no thresholds) → active (only with a GP-approved plan) → evaluations → ended (with a reason).
/// Each step checks the state it comes from and the role of who takes it, and records when it happened and who did
/// it; start and end dates are what the registry counts. A step that is not allowed changes nothing.
/// </summary>
public sealed class Pathway
{
    public const int ShortestTrialDays = 14;
    public const int LongestTrialDays = 28;
    private readonly List<Equipment> _equipment = [];
    private readonly List<Evaluation> _evaluations = [];
    private readonly List<PathwayEvent> _history = [];

    private Pathway()
    {
        ReferralSource = "";
    }

    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    public PathwayState State { get; private set; }

    public string ReferralSource { get; private set; }

    public DateTimeOffset ReferredAt { get; private set; }

    public InclusionChecklist? Checklist { get; private set; }

    public DateOnly? StartDate { get; private set; }

    public string? DeclineReason { get; private set; }

    public DateTimeOffset? InformationSentAt { get; private set; }

    public DateTimeOffset? HomeVisitAt { get; private set; }

    public DateTimeOffset? TrainingAt { get; private set; }

    public IReadOnlyList<Equipment> Equipment => _equipment;

    public DateTimeOffset? TrialStartedAt { get; private set; }

    public DateOnly? TrialEndsOn { get; private set; }

    public DateTimeOffset? ActivatedAt { get; private set; }

    public IReadOnlyList<Evaluation> Evaluations => _evaluations;

    public DateTimeOffset? EndedAt { get; private set; }

    public EndReason? EndReason { get; private set; }

    public string? EndNote { get; private set; }

    /// <summary>Counts the steps taken, so two people moving the same pathway at once cannot both win.</summary>
    public int Version { get; private set; }

    /// <summary>Every step taken: what, who (actor id and role) and when.</summary>
    public IReadOnlyList<PathwayEvent> History => _history;

    /// <summary>The steps as the statistics read them: kind, resulting state and Norwegian date (<see cref="PathwayStepDays"/>).</summary>
    public string StepDays { get; private set; } = "";

    public static Validated<Pathway> Refer(Guid id, Guid patientId, string? source, Caller by, DateTimeOffset at)
    {
        if (!PathwayRoles.May(by.Role, PathwayStep.Refer))
            return Validated<Pathway>.Fail("role", $"A {by.Role} cannot register a referral.");
        if (string.IsNullOrWhiteSpace(source) || source.Length > 200)
            return Validated<Pathway>.Fail("source", "Say where the referral came from (1–200 characters).");
        var pathway = new Pathway { Id = id, PatientId = patientId, State = PathwayState.Referred, ReferralSource = source.Trim(), ReferredAt = at, Version = 1 };
        pathway.AddToHistory(new(PathwayStep.Refer, PathwayState.Referred, by.ActorId, by.Role, at));
        return Validated<Pathway>.Ok(pathway);
    }

    public IReadOnlyList<ValidationError> StartAssessment(Caller by, DateTimeOffset at) =>
        Step(PathwayStep.StartAssessment, by, at, [PathwayState.Referred], PathwayState.Assessment, () => []);

    /// <summary>Accepts with a start date, once every inclusion criterion is met and written information is sent.</summary>
    public IReadOnlyList<ValidationError> Accept(InclusionChecklist checklist, DateOnly startDate, DateTimeOffset informationSentAt, Caller by, DateTimeOffset at) =>
        Step(PathwayStep.Decide, by, at, [PathwayState.Assessment], PathwayState.Accepted, () =>
        {
            if (checklist.UnmetCriteria.Count > 0)
                return [new("checklist", $"Not every inclusion criterion is met: {string.Join(", ", checklist.UnmetCriteria)}. Decline, or complete the assessment.")];
            if (startDate < DateOnly.FromDateTime(at.UtcDateTime))
                return [new("startDate", "The start date cannot be before the decision.")];
            Checklist = checklist;
            StartDate = startDate;
            InformationSentAt = informationSentAt;
            return [];
        });

    public IReadOnlyList<ValidationError> Decline(InclusionChecklist checklist, string? reason, DateTimeOffset informationSentAt, Caller by, DateTimeOffset at) =>
        Step(PathwayStep.Decide, by, at, [PathwayState.Assessment], PathwayState.Declined, () =>
        {
            if (string.IsNullOrWhiteSpace(reason))
                return [new("reason", "A decline needs a reason (the patient is told it in writing).")];
            Checklist = checklist;
            DeclineReason = reason.Trim();
            InformationSentAt = informationSentAt;
            return [];
        });

    /// <summary>Records the start-up: home visit, training and the equipment handed out (by serial number).</summary>
    public IReadOnlyList<ValidationError> RecordStartUp(DateTimeOffset homeVisitAt, DateTimeOffset trainingAt, IReadOnlyList<Equipment> equipment, Caller by,
        DateTimeOffset at) =>
        Step(PathwayStep.StartUp, by, at, [PathwayState.Accepted], PathwayState.Accepted, () =>
        {
            if (equipment.Count == 0 || equipment.Any(e => string.IsNullOrWhiteSpace(e.Kind) || string.IsNullOrWhiteSpace(e.SerialNumber)))
                return [new("equipment", "Record each piece of equipment handed out with its kind and serial number.")];
            HomeVisitAt = homeVisitAt;
            TrainingAt = trainingAt;
            _equipment.Clear();
            _equipment.AddRange(equipment);
            return [];
        });

    /// <summary>Starts the trial period of 14–28 days, once the start-up is recorded.</summary>
    public IReadOnlyList<ValidationError> StartTrial(int days, Caller by, DateTimeOffset at) =>
        Step(PathwayStep.StartTrial, by, at, [PathwayState.Accepted], PathwayState.TrialPeriod, () =>
        {
            if (HomeVisitAt is null || TrainingAt is null || _equipment.Count == 0)
                return [new("startUp", "Record the home visit, the training and the equipment before the trial period starts.")];
            if (days is < ShortestTrialDays or > LongestTrialDays)
                return [new("days", $"A trial period is {ShortestTrialDays}–{LongestTrialDays} days.")];
            TrialStartedAt = at;
            TrialEndsOn = DateOnly.FromDateTime(at.UtcDateTime).AddDays(days);
            return [];
        });

    /// <summary>Makes the follow-up active; only with a GP-approved plan version in force.</summary>
    public IReadOnlyList<ValidationError> Activate(bool hasApprovedPlan, DateOnly firstEvaluation, Caller by, DateTimeOffset at) =>
        Step(PathwayStep.Activate, by, at, [PathwayState.TrialPeriod], PathwayState.Active, () =>
        {
            if (!hasApprovedPlan)
                return [new("plan", "Follow-up becomes active only with a plan the GP has approved.")];
            if (firstEvaluation <= DateOnly.FromDateTime(at.UtcDateTime))
                return [new("firstEvaluation", "Schedule the first evaluation after today.")];
            ActivatedAt = at;
            _evaluations.Add(new Evaluation(firstEvaluation));
            return [];
        });

    /// <summary>
    /// Records the next scheduled evaluation: the structured assessment (required), a note, and, when follow-up
    /// continues, the day of the next one.
    /// </summary>
    public IReadOnlyList<ValidationError> RecordEvaluation(EvaluationAssessment? assessment, string? note, DateOnly? next, Caller by, DateTimeOffset at) =>
        Step(PathwayStep.Evaluate, by, at, [PathwayState.Active], PathwayState.Active, () =>
        {
            var index = _evaluations.FindIndex(e => e.HeldAt is null);
            if (index < 0)
                return [new("evaluation", "No evaluation is scheduled.")];
            if (assessment is not { IsComplete: true })
                return [new("assessment", "Say whether the goals were met, how self-management has changed, whether the patient feels safer and reports without help.")];
            if (note?.Trim().Length > 2000)
                return [new("outcome", "A note is at most 2,000 characters.")];
            if (next is { } day && day <= DateOnly.FromDateTime(at.UtcDateTime))
                return [new("next", "The next evaluation must be after today.")];
            _evaluations[index] = _evaluations[index] with
            {
                HeldAt = at, Outcome = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), Continue = next is not null, Assessment = assessment,
            };
            if (next is { } nextDay)
                _evaluations.Add(new Evaluation(nextDay));
            return [];
        });

    /// <summary>Ends follow-up (or an assessment, start-up or trial) with a reason.</summary>
    public IReadOnlyList<ValidationError> End(EndReason reason, string? note, Caller by, DateTimeOffset at) =>
        Step(PathwayStep.End, by, at, [PathwayState.Assessment, PathwayState.Accepted, PathwayState.TrialPeriod, PathwayState.Active], PathwayState.Ended, () =>
        {
            if (reason == Pathways.EndReason.Other && string.IsNullOrWhiteSpace(note))
                return [new("note", "Say why, when the reason is 'other'.")];
            EndedAt = at;
            EndReason = reason;
            EndNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            return [];
        });

    private List<ValidationError> Step(PathwayStep step, Caller by, DateTimeOffset at, PathwayState[] from, PathwayState to,
        Func<List<ValidationError>> apply)
    {
        if (!PathwayRoles.May(by.Role, step))
            return [new("role", $"A {by.Role} cannot take the step '{step}'.")];
        if (!from.Contains(State))
            return [new("state", $"'{step}' is not possible from {State}.")];
        if (at < _history[^1].At)
            return [new("at", "A step cannot be dated before the previous one.")];
        var errors = apply();
        if (errors.Count > 0)
            return errors;
        State = to;
        Version++;
        AddToHistory(new(step, to, by.ActorId, by.Role, at));
        return [];
    }

    /// <summary>
    /// Writes <see cref="StepDays"/> again from the history: for pathways stored before it was kept (it is empty there).
    /// </summary>
    public void WriteStepDays() => StepDays = PathwayStepDays.Of(_history, _evaluations);

    private void AddToHistory(PathwayEvent step)
    {
        _history.Add(step);
        WriteStepDays();
    }
}

/// <summary>One step taken on a pathway.</summary>
public sealed record PathwayEvent(PathwayStep Step, PathwayState State, string ActorId, Role ActorRole, DateTimeOffset At);
