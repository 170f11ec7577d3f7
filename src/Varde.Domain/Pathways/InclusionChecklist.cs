namespace Varde.Domain.Pathways;

/// <summary>
/// The assessment before inclusion (design.md §2, the seeds' inclusion criteria): the condition can be observed at a
/// distance; the patient is motivated, and follow-up is medically sound and wanted; benefit is expected; the patient
/// (possibly with relatives) can consent and follow a plan and can use simple technology. And the practical checks:
/// BankID (else a lent tablet), own device, mobile coverage at home.
/// </summary>
public sealed record InclusionChecklist(
    bool ObservableAtDistance,
    bool Motivated,
    bool SoundAndWanted,
    bool ExpectedBenefit,
    bool CanConsentAndFollowPlan,
    bool CanUseSimpleTechnology,
    bool HasBankId,
    bool HasOwnDevice,
    bool HasCoverage,
    string? Note = null)
{
    /// <summary>The criteria that must all hold before a patient can be accepted (the practical checks decide the equipment, not inclusion).</summary>
    public IReadOnlyList<string> UnmetCriteria =>
    [
        .. ObservableAtDistance ? Array.Empty<string>() : ["observable at a distance"],
        .. Motivated ? Array.Empty<string>() : ["motivated"],
        .. SoundAndWanted ? Array.Empty<string>() : ["medically sound and wanted"],
        .. ExpectedBenefit ? Array.Empty<string>() : ["expected benefit"],
        .. CanConsentAndFollowPlan ? Array.Empty<string>() : ["can consent and follow a plan"],
        .. CanUseSimpleTechnology ? Array.Empty<string>() : ["can use simple technology"],
    ];

    /// <summary>Without BankID or an own device the patient needs a lent tablet (ADR 0012).</summary>
    public bool NeedsLentTablet => !HasBankId || !HasOwnDevice;
}

/// <summary>Equipment handed out at start-up, recorded by serial number.</summary>
public sealed record Equipment(string Kind, string SerialNumber);

/// <summary>
/// A scheduled evaluation of an active follow-up and, once held, the nurse's structured assessment, a note (the free
/// text <see cref="Outcome"/>; before structured evaluations it was all there was) and whether follow-up continues.
/// </summary>
public sealed record Evaluation(DateOnly DueOn, DateTimeOffset? HeldAt = null, string? Outcome = null, bool? Continue = null,
    EvaluationAssessment? Assessment = null);
