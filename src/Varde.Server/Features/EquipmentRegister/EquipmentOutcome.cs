using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Domain;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.EquipmentRegister;

/// <summary>What a change in the equipment register came to: stored, refused (field and message), changed by someone else meanwhile, or not found.</summary>
public abstract record EquipmentOutcome
{
    public sealed record Stored(EquipmentResponse Equipment) : EquipmentOutcome;

    public sealed record Refused(IReadOnlyList<ValidationError> Errors) : EquipmentOutcome;

    public sealed record Stale : EquipmentOutcome;

    public sealed record NotFound : EquipmentOutcome;

    public Results<Created<EquipmentResponse>, Ok<EquipmentResponse>, ValidationProblem, ProblemHttpResult, Microsoft.AspNetCore.Http.HttpResults.NotFound> ToHttp(bool created = false) => this switch
    {
        Stored s when created => TypedResults.Created($"/api/equipment/{s.Equipment.Id}", s.Equipment),
        Stored s => TypedResults.Ok(s.Equipment),
        Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
        Stale => PatientProblems.Conflict("equipment-changed", "The equipment was changed by someone else", "Load it again and try once more."),
        _ => TypedResults.NotFound(),
    };
}
