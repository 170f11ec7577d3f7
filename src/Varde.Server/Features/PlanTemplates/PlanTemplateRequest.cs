using Varde.Domain.Patients;
using Varde.Domain.Plans;

namespace Varde.Server.Features.PlanTemplates;

/// <summary>
/// A template's content as an administrator sends it: name, diagnosis group, description, thresholds and the other
/// rules (as a plan version's). <see cref="Version"/>: when editing, the version the change was made from; a template
/// changed by someone else since is refused (409) rather than overwritten.
/// </summary>
public sealed record PlanTemplateRequest(string? Name, DiagnosisGroup? Diagnosis, string? Description, IReadOnlyList<QuantityThreshold>? Thresholds,
    PlanRules? Rules, int? Version = null);
