namespace Varde.Domain.Triage;

/// <summary>One value that went into a triage decision: a measured value or a bound it was compared with.</summary>
public sealed record TriageInput(string Name, decimal Value, string Unit);
