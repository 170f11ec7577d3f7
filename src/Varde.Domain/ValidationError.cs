namespace Varde.Domain;

/// <summary>A rule the input broke, named by the field it concerns, with a message a user can act on.</summary>
public sealed record ValidationError(string Field, string Message)
{
    /// <summary>The messages per field, as a validation problem response lists them.</summary>
    public static IDictionary<string, string[]> ByField(IEnumerable<ValidationError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}
