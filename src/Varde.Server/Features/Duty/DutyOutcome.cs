using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Domain.Services;

namespace Varde.Server.Features.Duty;

/// <summary>A shift as the caller sees it: when it began, when it was signed off, and the latest it counts to if left open.</summary>
public sealed record DutyShiftResponse(Guid Id, Guid ServiceId, Guid StaffMemberId, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, DateTimeOffset LatestEnd)
{
    public static DutyShiftResponse From(DutyShift s) => new(s.Id, s.ServiceId, s.StaffMemberId, s.StartedAt, s.EndedAt, s.LatestEnd);
}

/// <summary>What signing on or off came to: on duty (newly, or already), signed off, not on duty, or not the caller's service.</summary>
public abstract record DutyOutcome
{
    public sealed record OnDuty(DutyShiftResponse Shift, bool Started) : DutyOutcome;

    public sealed record SignedOff(DutyShiftResponse Shift) : DutyOutcome;

    public sealed record NotOnDuty : DutyOutcome;

    public sealed record NotYourService : DutyOutcome;

    public Results<Created<DutyShiftResponse>, Ok<DutyShiftResponse>, ProblemHttpResult> ToHttp() => this switch
    {
        OnDuty { Started: true } on => TypedResults.Created($"/api/services/{on.Shift.ServiceId}/duty", on.Shift),
        OnDuty on => TypedResults.Ok(on.Shift),
        SignedOff off => TypedResults.Ok(off.Shift),
        NotOnDuty => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "You are not on duty in this service",
            type: Infrastructure.ProblemDetailsSetup.ProblemTypeBase + "not-on-duty"),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such follow-up service",
            detail: "You can go on duty only in the follow-up service you work for.",
            type: Infrastructure.ProblemDetailsSetup.ProblemTypeBase + "service-not-found"),
    };
}
