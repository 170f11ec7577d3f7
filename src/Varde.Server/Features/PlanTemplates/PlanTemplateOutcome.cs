using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Domain;

namespace Varde.Server.Features.PlanTemplates;

/// <summary>What an administrator's change of a plan template came to: stored, refused (field and message), changed by someone else meanwhile, or no such template.</summary>
public abstract record PlanTemplateOutcome
{
    public sealed record Stored(PlanTemplateResponse Template) : PlanTemplateOutcome;

    public sealed record Refused(IReadOnlyList<ValidationError> Errors) : PlanTemplateOutcome;

    public sealed record Changed(int CurrentVersion) : PlanTemplateOutcome;

    public sealed record NotFound : PlanTemplateOutcome;

    public Results<Created<PlanTemplateResponse>, Ok<PlanTemplateResponse>, ValidationProblem, ProblemHttpResult, Microsoft.AspNetCore.Http.HttpResults.NotFound> ToHttp(bool created = false) => this switch
    {
        Stored s when created => TypedResults.Created($"/api/admin/plan-templates/{s.Template.Id}", s.Template),
        Stored s => TypedResults.Ok(s.Template),
        Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
        Changed c => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: "https://varde.example/problems/template-changed",
            title: "The template was changed meanwhile", detail: $"Someone else saved version {c.CurrentVersion} of the template; load it again and make your change there."),
        _ => TypedResults.NotFound(),
    };
}
