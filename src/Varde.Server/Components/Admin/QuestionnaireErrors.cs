using Microsoft.Extensions.Localization;
using Varde.Domain;

namespace Varde.Server.Components.Admin;

/// <summary>
/// An import's refusals for people: in the chosen language by what is wrong ("Err.questionnaire.{field}", and for an
/// item "Err.questionnaire.item.{what}" with its linkId), each with the API's own message as the technical detail.
/// </summary>
public static class QuestionnaireErrors
{
    public sealed record Shown(string Text, string Detail);

    public static IReadOnlyList<Shown> Of(IEnumerable<ValidationError> errors, IStringLocalizer<Ui> l) =>
        errors.Select(e => new Shown(Text(e, l), e.Message)).ToList();

    private static string Text(ValidationError e, IStringLocalizer<Ui> l)
    {
        if (e.Field.StartsWith("item[", StringComparison.Ordinal) && e.Field.IndexOf(']', StringComparison.Ordinal) is var end and > 5)
        {
            var linkId = e.Field[5..end].TrimStart('#');
            var what = e.Field.Length > end + 2 ? e.Field[(end + 2)..] : "item";
            var text = l[$"Err.questionnaire.item.{what}", linkId];
            return text.ResourceNotFound ? e.Message : text.Value;
        }

        var general = l[$"Err.questionnaire.{e.Field}"];
        return general.ResourceNotFound ? e.Message : general.Value;
    }
}
