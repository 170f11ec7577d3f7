using Varde.Domain.Patients;

namespace Varde.Domain.Plans;

/// <summary>
/// A plan template for one diagnosis group: thresholds and the plan's other rules (trend and questionnaire rules, the
/// schedule, zone instructions, ways to stay well and contacts), from which a nurse starts a new plan and adjusts it for
/// the patient; the GP approves that plan as any other. Its content is checked exactly as a plan version's
/// (<see cref="PlanContent"/>). A plan copies the content when it is made, so changing a template later never changes a
/// plan. Each change counts up <see cref="Version"/> (the audit log keeps every version's content); a template is
/// retired, never deleted.
/// </summary>
public sealed class PlanTemplate
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;

    private PlanTemplate()
    {
        Name = "";
        ChangedBy = "";
        Thresholds = [];
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public DiagnosisGroup Diagnosis { get; private set; }

    public string? Description { get; private set; }

    public IReadOnlyList<QuantityThreshold> Thresholds { get; private set; }

    public PlanRules Rules { get; private set; } = PlanRules.None;

    /// <summary>1 when made, one more for every change of its content.</summary>
    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>The actor id of whoever made the last change ("varde" for a template Varde ships).</summary>
    public string ChangedBy { get; private set; }

    /// <summary>When it was taken out of use: no longer offered for new plans; plans made from it are not touched.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsActive => RetiredAt is null;

    public static Validated<PlanTemplate> Create(Guid id, string? name, DiagnosisGroup diagnosis, string? description,
        IReadOnlyList<QuantityThreshold>? thresholds, PlanRules? rules, string by, DateTimeOffset at)
    {
        var template = new PlanTemplate { Id = id, Version = 0, CreatedAt = at.ToUniversalTime() };
        var errors = template.Edit(name, diagnosis, description, thresholds, rules, by, at);
        return errors.Count > 0 ? Validated<PlanTemplate>.Fail(errors) : Validated<PlanTemplate>.Ok(template);
    }

    /// <summary>Changes the content under the rules of <see cref="Create"/>, as a new version; nothing changes on an error.</summary>
    public IReadOnlyList<ValidationError> Edit(string? name, DiagnosisGroup diagnosis, string? description,
        IReadOnlyList<QuantityThreshold>? thresholds, PlanRules? rules, string by, DateTimeOffset at)
    {
        var content = (rules ?? PlanRules.None).Normalised();
        var limits = thresholds ?? [];
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
            errors.Add(new("name", $"A template needs a name of 1 to {MaxNameLength} characters."));
        if (diagnosis == DiagnosisGroup.None || !Enum.IsDefined(diagnosis))
            errors.Add(new("diagnosis", "A template is for one diagnosis group: COPD, heart failure, diabetes, cancer or other."));
        if (description is { Length: > MaxDescriptionLength })
            errors.Add(new("description", $"A description is at most {MaxDescriptionLength} characters."));
        errors.AddRange(PlanContent.Check(limits, content));
        if (string.IsNullOrWhiteSpace(by))
            errors.Add(new("changedBy", "A template must say who changed it."));
        if (errors.Count > 0)
            return errors;

        Name = name!.Trim();
        Diagnosis = diagnosis;
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Thresholds = [.. limits.OrderBy(t => t.Quantity)];
        Rules = content;
        Version++;
        ChangedAt = at.ToUniversalTime();
        ChangedBy = by;
        return [];
    }

    /// <summary>Takes the template out of use from <paramref name="at"/>; retiring again keeps the first time.</summary>
    public void Retire(string by, DateTimeOffset at)
    {
        if (RetiredAt is not null)
            return;
        RetiredAt = at.ToUniversalTime();
        ChangedAt = RetiredAt.Value;
        ChangedBy = by;
    }
}
