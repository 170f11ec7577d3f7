using System.Security.Claims;
using Hl7.Fhir.Model;
using Varde.Server.Auth;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// POST /fhir/Observation, also conditional (<c>If-None-Exist: identifier=system|value</c>): maps the Observation to
/// an incoming report and takes it in through the one intake path (<see cref="FhirIntake"/>, <see cref="ReportIntake"/>),
/// so storage, triage, alerts and idempotency are the same as for the JSON API and bundles. 201 with the stored Observation (and its triage as interpretation); 200 with the
/// existing one when the identifier was already stored (a resend); 412 when the criterion matches several.
/// </summary>
public sealed class CreateObservation(FhirIntake intake)
{
    public static void Map(RouteGroupBuilder fhir) =>
        fhir.MapPost("/Observation", (HttpRequest request, ClaimsPrincipal user, CreateObservation slice, CancellationToken ct) =>
                slice.HandleAsync(request, user, ct))
            .WithName(nameof(CreateObservation))
            .RequireScope("Observation", 'c')
            .RequireAuthorization(Policies.FhirWrite);

    public async Task<FhirResult> HandleAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var parsed = await FhirJson.ReadAsync<Observation>(request, ct);
        if (parsed.Problem is not null)
            return parsed.Problem;
        var criterion = request.Headers.TryGetValue("If-None-Exist", out var header) ? header.ToString() : null;
        var answers = await intake.TakeInAsync([new FhirIntake.Entry(parsed.Resource!, criterion)], Callers.From(user), IntakeMode.EachOnItsOwn, request, ct);
        return FhirPrefer.Apply(answers[0]!, request);
    }
}
