using Varde.Domain.Plans;
using Varde.Domain.Triage;

namespace Varde.Domain.Measurements;

/// <summary>
/// One stored reading, append-only: it is never changed after it is recorded. It keeps the values as sent and in
/// the canonical unit, the effective time (when measured) and the received time, and the triage result it got on
/// arrival (what the sender was told). The current result, which a late earlier reading can change, is its
/// <see cref="Triage.TriageRecord"/>.
/// </summary>
public sealed class Measurement
{
    public const int ClientIdMaxLength = 100;
    public const int NoteMaxLength = 1000;

    private Measurement()
    {
        ClientId = "";
        Unit = "";
        OriginalUnit = "";
        RecordedBy = "";
        TriageRuleId = "";
        TriageExplanationNb = "";
        TriageExplanationEn = "";
        TriageInputs = [];
    }

    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    /// <summary>The client's id for this reading; unique per patient, so a resent reading is stored once.</summary>
    public string ClientId { get; private set; }

    public MeasurementType Type { get; private set; }

    /// <summary>The value in the canonical unit; for blood pressure the systolic number.</summary>
    public decimal Value { get; private set; }

    /// <summary>For blood pressure the diastolic number in the canonical unit; otherwise null.</summary>
    public decimal? SecondValue { get; private set; }

    /// <summary>The canonical UCUM unit of <see cref="Value"/>.</summary>
    public string Unit { get; private set; }

    public decimal OriginalValue { get; private set; }

    public decimal? OriginalSecondValue { get; private set; }

    public string OriginalUnit { get; private set; }

    /// <summary>When it was measured: the time the sender gave, or when Varde received it if that time was not trusted.</summary>
    public DateTimeOffset EffectiveAt { get; private set; }

    /// <summary>The time the sender gave when Varde could not trust it (<see cref="ReportTime"/>); null when it was trusted.</summary>
    public DateTimeOffset? DeviceTime { get; private set; }

    /// <summary>The patient confirmed an unusual value ("Ja, det er riktig") before sending it.</summary>
    public bool PatientConfirmed { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>Actor id of whoever sent it (a staff member, a device gateway client).</summary>
    public string RecordedBy { get; private set; }

    /// <summary>The registered device the reading came from, when the sender named one.</summary>
    public Guid? DeviceId { get; private set; }

    /// <summary>
    /// What the sender said about the measurement, as sent (a device's status from the reference gateway: "The device
    /// said: irregular pulse."). Shown beside the reading; not judged, and not part of what makes a resend the same reading.
    /// </summary>
    public string? Note { get; private set; }

    public TriageOutcome TriageOutcome { get; private set; }

    public string TriageRuleId { get; private set; }

    public int TriageRuleVersion { get; private set; }

    public Guid? PlanVersionId { get; private set; }

    public int? PlanVersionNumber { get; private set; }

    public IReadOnlyList<TriageInput> TriageInputs { get; private set; }

    public string TriageExplanationNb { get; private set; }

    public string TriageExplanationEn { get; private set; }

    public TriageResult Triage => new(TriageOutcome, TriageRuleId, TriageRuleVersion, PlanVersionId, PlanVersionNumber,
        TriageInputs, TriageExplanationNb, TriageExplanationEn);

    public IReadOnlyList<decimal> CanonicalValues => SecondValue is { } second ? [Value, second] : [Value];

    /// <summary>
    /// Times are kept in UTC to whole microseconds, the precision PostgreSQL stores, so a stored reading compares equal
    /// to the same reading sent again on every database.
    /// </summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }

    /// <summary>Keeps the result the reading was given on arrival (what the sender is told); later judgements go to its triage record.</summary>
    public void JudgedOnArrival(TriageResult result)
    {
        TriageOutcome = result.Outcome;
        TriageRuleId = result.RuleId;
        TriageRuleVersion = result.RuleVersion;
        PlanVersionId = result.PlanVersionId;
        PlanVersionNumber = result.PlanVersionNumber;
        TriageInputs = result.Inputs;
        TriageExplanationNb = result.ExplanationNb;
        TriageExplanationEn = result.ExplanationEn;
    }

    /// <summary>The time as the sender gave it, trusted or not.</summary>
    public DateTimeOffset TimeAsSent => DeviceTime ?? EffectiveAt;

    /// <summary>Whether another reading says the same thing: the same type, values, unit and time as sent.</summary>
    public bool IsSameReadingAs(Measurement other) =>
        Type == other.Type && OriginalValue == other.OriginalValue && OriginalSecondValue == other.OriginalSecondValue
        && OriginalUnit == other.OriginalUnit && TimeAsSent == other.TimeAsSent;

    /// <summary>
    /// Checks the reading's shape, unit and time, converts it to the canonical unit and triages it against
    /// <paramref name="plan"/> alone, without earlier readings (for seeds and tests; intake judges with the pure core).
    /// </summary>
    public static Validated<Measurement> Record(Guid id, Guid patientId, MeasurementInput input, PlanVersion? plan,
        string recordedBy, DateTimeOffset receivedAt)
    {
        var recorded = Record(id, patientId, input, recordedBy, receivedAt,
            receivedAt - TimeSpan.FromDays(plan?.Rules.MaxReportAgeDays ?? ReportTime.DefaultMaxAgeDays));
        if (recorded.IsValid)
            recorded.Value.JudgedOnArrival(TriageEngine.Evaluate(TriageReport.Of(recorded.Value), [], plan, Questionnaires.QuestionnaireCatalogue.Empty));
        return recorded;
    }

    /// <summary>
    /// Checks the reading's shape, unit and time and converts it to the canonical unit; not yet judged (the caller
    /// keeps the result it gets on arrival with <see cref="JudgedOnArrival"/>). A time before <paramref name="notBefore"/>
    /// (<see cref="ReportTime.NotBefore"/>; default: the default maximum age) or in the future is not trusted.
    /// </summary>
    public static Validated<Measurement> Record(Guid id, Guid patientId, MeasurementInput input, string recordedBy,
        DateTimeOffset receivedAt, DateTimeOffset? notBefore = null)
    {
        var errors = MeasurementInputRules.Check(input, receivedAt, out var definition, out var originals);
        if (errors.Count > 0)
            return Validated<Measurement>.Fail(errors);

        var unit = input.Unit!.Trim();
        var canonical = definition!.Components.Zip(originals, (q, v) => q.ToCanonical(v, unit)!.Value).ToList();
        var received = ToStoredPrecision(receivedAt);
        var (effectiveAt, deviceTime) = ReportTime.Trust(ToStoredPrecision(input.EffectiveAt!.Value), received,
            notBefore ?? receivedAt - TimeSpan.FromDays(ReportTime.DefaultMaxAgeDays));
        var measurement = new Measurement
        {
            Id = id,
            PatientId = patientId,
            ClientId = input.ClientId!.Trim(),
            Type = definition.Type,
            Value = canonical[0],
            SecondValue = canonical.Count > 1 ? canonical[1] : null,
            Unit = definition.Components[0].UcumUnit,
            OriginalValue = originals[0],
            OriginalSecondValue = originals.Count > 1 ? originals[1] : null,
            OriginalUnit = unit,
            EffectiveAt = effectiveAt,
            DeviceTime = deviceTime,
            ReceivedAt = received,
            PatientConfirmed = input.PatientConfirmed,
            RecordedBy = recordedBy,
            DeviceId = input.DeviceId,
            Note = MeasurementInputRules.CleanNote(input.Note),
        };
        measurement.JudgedOnArrival(TriageResult.NotYetJudged);
        return Validated<Measurement>.Ok(measurement);
    }
}
