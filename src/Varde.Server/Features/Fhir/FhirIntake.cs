using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Questionnaires;
using Varde.Server.Features.Questionnaires;
using Varde.Server.Features.Triage;
using FhirResponse = Hl7.Fhir.Model.QuestionnaireResponse;
using Task = System.Threading.Tasks.Task;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// The FHIR door to the one intake path (<see cref="ReportIntake"/>): Observations and QuestionnaireResponses, one from
/// a create or many from a bundle, become incoming reports (subjects by reference or by fødselsnummer/D-nummer, resolved
/// in one query; devices by id or by a Device entry's urn:uuid; <c>If-None-Exist</c> checked against the resource's own
/// identifier, with one query for all of them), and the intake's outcomes become FHIR answers: 201 with the stored
/// resource, 200 for a resend, an OperationOutcome for a refusal. A single create and each bundle entry get the same
/// answer for the same resource.
/// </summary>
public sealed class FhirIntake(VardeDbContext db, ReportIntake intake, FhirSubjects subjects, StoredQuestionnaires stored)
{
    /// <summary>A resource to create, with the conditional-create criterion sent with it.</summary>
    public sealed record Entry(Resource Resource, string? IfNoneExist);

    /// <summary>Takes in the entries; one answer per entry, or null for an entry not attempted because another refused the whole (all or nothing).</summary>
    public async Task<FhirResult?[]> TakeInAsync(IReadOnlyList<Entry> entries, Caller caller, IntakeMode mode, HttpRequest request, CancellationToken ct,
        ReportIntake.DevicesFirst? devicesFirst = null)
    {
        var answers = new FhirResult?[entries.Count];
        var questionnaires = await stored.CatalogueAsync(ct);
        var reports = await ReadAsync(entries, caller, answers, questionnaires, ct);
        if (mode == IntakeMode.AllOrNothing && answers.Any(a => a is not null))
            return answers;
        var taking = Enumerable.Range(0, entries.Count).Where(i => answers[i] is null).ToList();
        var outcomes = await intake.TakeInAsync([.. taking.Select(i => reports[i]!)], caller, mode, ct, devicesFirst);
        foreach (var (i, outcome) in taking.Zip(outcomes))
        {
            answers[i] = Answer(outcome, request, questionnaires);
            // A conditional create whose identifier matches one stored resource with a different body: per the
            // specification the post is ignored and the match is the answer (200); a plain create says 409. In a
            // transaction the refusal stands: the bundle was not stored, and its entries must all say so.
            if (mode == IntakeMode.EachOnItsOwn && outcome is IntakeOutcome.Refused { Kind: Refusal.ClientIdReused } && entries[i].IfNoneExist is { } criterion
                && FhirConditional.IdentifierCriterion(criterion, IdentifiersOf(entries[i].Resource)).ClientId is { } clientId)
                answers[i] = await MatchAsync(reports[i]!.PatientId, clientId, entries[i].Resource is Observation, request, questionnaires, ct) ?? answers[i];
        }

        return answers;
    }

    private async Task<FhirResult?> MatchAsync(Guid patientId, string clientId, bool measurement, HttpRequest request, QuestionnaireCatalogue questionnaires,
        CancellationToken ct)
    {
        if (measurement)
        {
            var m = await db.Measurements.AsNoTracking().SingleOrDefaultAsync(x => x.PatientId == patientId && x.ClientId == clientId, ct);
            if (m is null)
                return null;
            var record = await db.TriageRecords.AsNoTracking().SingleOrDefaultAsync(r => r.ReportId == m.Id, ct);
            return new FhirResult(ObservationMapping.ToFhir(m, record?.Result), StatusCodes.Status200OK, FhirPaths.Resource(request, "Observation", m.Id));
        }

        var response = await db.QuestionnaireResponses.AsNoTracking().SingleOrDefaultAsync(x => x.PatientId == patientId && x.ClientId == clientId, ct);
        if (response is null)
            return null;
        var triage = await db.TriageRecords.AsNoTracking().SingleOrDefaultAsync(r => r.ReportId == response.Id, ct);
        return new FhirResult(QuestionnaireResponseMapping.ToFhir(response, triage?.Result, questionnaires), StatusCodes.Status200OK,
            FhirPaths.Resource(request, "QuestionnaireResponse", response.Id));
    }

    private async Task<IncomingReport?[]> ReadAsync(IReadOnlyList<Entry> entries, Caller caller, FhirResult?[] answers, QuestionnaireCatalogue questionnaires,
        CancellationToken ct)
    {
        var mapped = new (object? Request, ResourceReference? Subject, string? DeviceName)[entries.Count];
        var conditional = new Dictionary<int, string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var (resource, criterion) = entries[i];
            if (criterion is not null)
            {
                var (clientId, problem) = FhirConditional.IdentifierCriterion(criterion, IdentifiersOf(resource));
                answers[i] = problem;
                if (clientId is not null)
                    conditional[i] = clientId;
            }

            if (answers[i] is not null)
                continue;
            if (resource is Observation observation)
            {
                var m = ObservationMapping.FromFhir(observation);
                mapped[i] = (m.Request, m.Subject, m.DeviceName);
                answers[i] = m.Problem is null ? null : FhirOutcome.Unprocessable(m.Problem);
            }
            else if (resource is FhirResponse response)
            {
                var r = QuestionnaireResponseMapping.FromFhir(response, questionnaires);
                mapped[i] = (r.Request, r.Subject, null);
                answers[i] = r.Problem is null ? null : FhirOutcome.Unprocessable(r.Problem);
            }
            else
            {
                answers[i] = FhirOutcome.Invalid($"{resource.TypeName} is not a report Varde takes in.");
            }
        }

        await RefuseSeveralMatchesAsync(entries, conditional, caller, answers, ct);
        var readable = Enumerable.Range(0, entries.Count).Where(i => answers[i] is null).ToList();
        var patientIds = await subjects.PatientIdsAsync([.. readable.Select(i => mapped[i].Subject!)], ct);
        var reports = new IncomingReport?[entries.Count];
        foreach (var (i, patientId) in readable.Zip(patientIds))
        {
            if (patientId is not { } id)
            {
                answers[i] = FhirOutcome.NotFound("The subject patient");
                continue;
            }

            reports[i] = mapped[i].Request switch
            {
                Measurements.RecordMeasurement.Request m => new IncomingMeasurement(id, m, mapped[i].DeviceName),
                var r => new IncomingResponse(id, (Questionnaires.RecordQuestionnaireResponse.Request)r!),
            };
        }

        return reports;
    }

    // If-None-Exist names the resource's own identifier (Varde's idempotency key): several matches the caller may see are 412.
    private async Task RefuseSeveralMatchesAsync(IReadOnlyList<Entry> entries, Dictionary<int, string> conditional, Caller caller, FhirResult?[] answers,
        CancellationToken ct)
    {
        var observationIds = conditional.Where(c => entries[c.Key].Resource is Observation).Select(c => c.Value).Distinct().ToList();
        var responseIds = conditional.Where(c => entries[c.Key].Resource is FhirResponse).Select(c => c.Value).Distinct().ToList();
        if (observationIds.Count + responseIds.Count == 0)
            return;
        var matches = (observationIds.Count == 0 ? [] : await db.Measurements.AsNoTracking().Where(m => observationIds.Contains(m.ClientId))
                .Select(m => new { m.ClientId, m.PatientId, IsObservation = true }).ToListAsync(ct))
            .Concat(responseIds.Count == 0 ? [] : await db.QuestionnaireResponses.AsNoTracking().Where(r => responseIds.Contains(r.ClientId))
                .Select(r => new { r.ClientId, r.PatientId, IsObservation = false }).ToListAsync(ct))
            .ToList();
        var several = matches.GroupBy(m => (m.IsObservation, m.ClientId)).Where(g => g.Count() > 1).ToList();
        if (several.Count == 0)
            return;
        var patientIds = several.SelectMany(g => g.Select(m => m.PatientId)).Distinct().ToList();
        var visible = (await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
                .Select(p => new PatientCareRelations(p.Id, p.FollowUpServiceId, p.GpStaffId, p.SharedWithDepartmentIds, p.MunicipalityId)).ToListAsync(ct))
            .Where(p => PatientAccessRule.Allows(caller, p)).Select(p => p.PatientId).ToHashSet();
        var refused = several.Where(g => g.Count(m => visible.Contains(m.PatientId)) > 1).Select(g => g.Key).ToHashSet();
        foreach (var (i, clientId) in conditional)
        {
            var key = (entries[i].Resource is Observation, clientId);
            if (answers[i] is null && refused.Contains(key))
                answers[i] = FhirOutcome.Error(StatusCodes.Status412PreconditionFailed, OperationOutcome.IssueType.MultipleMatches,
                    $"If-None-Exist matches several {entries[i].Resource.TypeName}s; make the identifier unique.");
        }
    }

    private static List<Identifier> IdentifiersOf(Resource resource) => resource switch
    {
        Observation o => o.Identifier,
        FhirResponse { Identifier: { } identifier } => [identifier],
        _ => [],
    };

    private static FhirResult? Answer(IntakeOutcome outcome, HttpRequest request, QuestionnaireCatalogue questionnaires) => outcome switch
    {
        IntakeOutcome.Stored s => Stored(s.Report, s.Record, StatusCodes.Status201Created, request, questionnaires),
        IntakeOutcome.Resent r => Stored(r.Report, r.Record, StatusCodes.Status200OK, request, questionnaires),
        IntakeOutcome.Refused { Kind: Refusal.PatientNotFound } => FhirOutcome.NotFound("The subject patient"),
        IntakeOutcome.Refused { Kind: Refusal.ClientIdReused } r => FhirOutcome.Error(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict, r.Message),
        IntakeOutcome.Refused r => FhirOutcome.Unprocessable(r.Errors),
        _ => null,
    };

    private static FhirResult Stored(Shaped report, Domain.Triage.TriageRecord? record, int status, HttpRequest request, QuestionnaireCatalogue questionnaires) =>
        report.Measurement is { } m
        ? new FhirResult(ObservationMapping.ToFhir(m, record?.Result), status, FhirPaths.Resource(request, "Observation", m.Id))
        : new FhirResult(QuestionnaireResponseMapping.ToFhir(report.Response!, record?.Result, questionnaires), status,
            FhirPaths.Resource(request, "QuestionnaireResponse", report.Response!.Id));
}
