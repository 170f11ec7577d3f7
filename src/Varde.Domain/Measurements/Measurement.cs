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
    /// <summary>How far in the future an effective time may be before we call it wrong: device clocks drift.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    public const int ClientIdMaxLength = 100;

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

    public DateTimeOffset EffectiveAt { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>Actor id of whoever sent it (a staff member, a device gateway client).</summary>
    public string RecordedBy { get; private set; }

    /// <summary>The registered device the reading came from, when the sender named one.</summary>
    public Guid? DeviceId { get; private set; }

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

    /// <summary>Whether another reading says the same thing: the same type, values, unit and effective time.</summary>
    public bool IsSameReadingAs(Measurement other) =>
        Type == other.Type && OriginalValue == other.OriginalValue && OriginalSecondValue == other.OriginalSecondValue
        && OriginalUnit == other.OriginalUnit && EffectiveAt == other.EffectiveAt;

    /// <summary>
    /// Checks the reading's shape, unit and time, converts it to the canonical unit and triages it against
    /// <paramref name="plan"/> alone, without earlier readings (for seeds and tests; ingestion passes the engine).
    /// </summary>
    public static Validated<Measurement> Record(Guid id, Guid patientId, MeasurementInput input, PlanVersion? plan,
        string recordedBy, DateTimeOffset receivedAt) =>
        Record(id, patientId, input, recordedBy, receivedAt, report => TriageEngine.Evaluate(report, [], plan));

    /// <summary>
    /// Checks the reading's shape, unit and time, converts it to the canonical unit and keeps the triage result
    /// <paramref name="triage"/> gives it on arrival (what the sender is told).
    /// </summary>
    public static Validated<Measurement> Record(Guid id, Guid patientId, MeasurementInput input, string recordedBy,
        DateTimeOffset receivedAt, Func<TriageReport, TriageResult> triage)
    {
        var errors = MeasurementInputRules.Check(input, receivedAt, out var definition, out var originals);
        if (errors.Count > 0)
            return Validated<Measurement>.Fail(errors);

        var unit = input.Unit!.Trim();
        var canonical = definition!.Components.Zip(originals, (q, v) => q.ToCanonical(v, unit)!.Value).ToList();
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
            EffectiveAt = ToStoredPrecision(input.EffectiveAt!.Value),
            ReceivedAt = ToStoredPrecision(receivedAt),
            RecordedBy = recordedBy,
            DeviceId = input.DeviceId,
        };
        var result = triage(TriageReport.Of(measurement));
        measurement.TriageOutcome = result.Outcome;
        measurement.TriageRuleId = result.RuleId;
        measurement.TriageRuleVersion = result.RuleVersion;
        measurement.PlanVersionId = result.PlanVersionId;
        measurement.PlanVersionNumber = result.PlanVersionNumber;
        measurement.TriageInputs = result.Inputs;
        measurement.TriageExplanationNb = result.ExplanationNb;
        measurement.TriageExplanationEn = result.ExplanationEn;
        return Validated<Measurement>.Ok(measurement);
    }
}
