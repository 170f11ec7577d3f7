using Microsoft.Extensions.Localization;
using Varde.Domain;

namespace Varde.Server.Components.Admin;

/// <summary>
/// A refusal's errors by field, in the chosen language ("Err.{area}.{field}", area "admin" unless given, where the texts
/// have one, else the API's message).
/// </summary>
public static class FieldErrors
{
    public static Dictionary<string, List<string>> Of(IEnumerable<ValidationError> errors, IStringLocalizer<Ui> l, string area = "admin") =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => UiErrors.Translate($"{area}.{g.Key}", e.Message, l)).Distinct().ToList());

    public static IReadOnlyList<string>? For(this Dictionary<string, List<string>> errors, string field) => errors.GetValueOrDefault(field);
}
