using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Domain;

namespace Varde.Server.Features.Questionnaires;

/// <summary>What an administrator's change of a questionnaire came to: stored (a new version or questionnaire: created), refused (field and message), or not found.</summary>
public abstract record QuestionnaireOutcome
{
    public sealed record Stored(ManagedQuestionnaireResponse Questionnaire, bool Created = false) : QuestionnaireOutcome;

    public sealed record Refused(IReadOnlyList<ValidationError> Errors) : QuestionnaireOutcome;

    public sealed record NotFound : QuestionnaireOutcome;

    public Results<Created<ManagedQuestionnaireResponse>, Ok<ManagedQuestionnaireResponse>, ValidationProblem, ProblemHttpResult, Microsoft.AspNetCore.Http.HttpResults.NotFound> ToHttp() => this switch
    {
        Stored { Created: true } s => TypedResults.Created($"/api/admin/questionnaires/{s.Questionnaire.Id}", s.Questionnaire),
        Stored s => TypedResults.Ok(s.Questionnaire),
        Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
        _ => TypedResults.NotFound(),
    };
}
