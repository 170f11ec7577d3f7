using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Varde.Server.Components;

/// <summary>
/// The API's refusals for people: a field's error in the chosen language where the UI texts have one ("Err.{field}"),
/// else the API's own message (English), so nothing is hidden.
/// </summary>
public static class UiErrors
{
    public static string Translate(string field, string message, IStringLocalizer<Ui> l)
    {
        var key = "Err." + (field.IndexOf('[', StringComparison.Ordinal) is var i and >= 0 ? field[..i] : field);
        var text = l[key];
        return text.ResourceNotFound ? message : text.Value;
    }

    /// <summary>Every message of a refusal (validation errors field by field, or a problem's detail), or none for success.</summary>
    public static List<string> Of(object? result, IStringLocalizer<Ui> l) => result switch
    {
        ValidationProblem v => [.. v.ProblemDetails.Errors.SelectMany(e => e.Value.Select(m => Translate(e.Key, m, l)))],
        ProblemHttpResult p => [Problem(p, l)],
        _ => [],
    };

    private static string Problem(ProblemHttpResult p, IStringLocalizer<Ui> l)
    {
        var code = p.ProblemDetails.Type?.Split('/')[^1];
        var text = code is null ? null : l["Err." + code];
        return text is { ResourceNotFound: false } ? text.Value : p.ProblemDetails.Detail ?? p.ProblemDetails.Title ?? "";
    }
}
