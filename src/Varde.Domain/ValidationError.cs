namespace Varde.Domain;

/// <summary>A rule the input broke, named by the field it concerns, with a message a user can act on.</summary>
public sealed record ValidationError(string Field, string Message);
