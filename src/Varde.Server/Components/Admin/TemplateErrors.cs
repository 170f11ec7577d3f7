using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Varde.Domain;

namespace Varde.Server.Components.Admin;

/// <summary>
/// A template's refusals for people: in the chosen language by what is wrong ("Err.template.{field}", indices left out,
/// with the row they are in), each with the API's own message as the technical detail.
/// </summary>
public static partial class TemplateErrors
{
    public static IReadOnlyList<QuestionnaireErrors.Shown> Of(IEnumerable<ValidationError> errors, IStringLocalizer<Ui> l) =>
        errors.Select(e =>
        {
            var index = Index().Match(e.Field);
            var text = l["Err.template." + Index().Replace(e.Field, "")];
            var shown = text.ResourceNotFound ? e.Message : text.Value;
            if (index.Success)
                shown += " " + string.Format(CultureInfo.CurrentCulture, l["Tpl.InRow"], int.Parse(index.Groups[1].Value, CultureInfo.InvariantCulture) + 1);
            return new QuestionnaireErrors.Shown(shown, e.Message);
        }).ToList();

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Index();
}
