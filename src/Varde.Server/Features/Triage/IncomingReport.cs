using Varde.Domain;
using Varde.Domain.Measurements;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;
using Varde.Server.Features.Measurements;
using Varde.Server.Features.Questionnaires;

namespace Varde.Server.Features.Triage;

/// <summary>
/// A report as it came in at any door (JSON API, patient app, FHIR create, conditional create, transaction or batch
/// bundle): a measurement or a questionnaire response for a patient, not yet checked against the database.
/// <see cref="Shape"/> checks it and turns it into what would be stored, without touching the database.
/// </summary>
public abstract record IncomingReport(Guid PatientId)
{
    /// <summary>
    /// Checks the report and builds what would be stored (not yet judged); <paramref name="notBefore"/> decides which
    /// times are trusted; answers are checked against the installation's <paramref name="questionnaires"/>.
    /// </summary>
    public abstract Validated<Shaped> Shape(Guid id, string actor, DateTimeOffset now, QuestionnaireCatalogue questionnaires, DateTimeOffset? notBefore = null);

    /// <summary>The device the report names, if any (a registered device of the patient's follow-up service).</summary>
    public virtual Guid? DeviceId => null;
}

/// <summary>A reading; <paramref name="DeviceName"/> is a bundle-local name (urn:uuid) of a Device created in the same bundle.</summary>
public sealed record IncomingMeasurement(Guid PatientId, RecordMeasurement.Request Request, string? DeviceName = null) : IncomingReport(PatientId)
{
    public override Guid? DeviceId => Request.DeviceId;

    public override Validated<Shaped> Shape(Guid id, string actor, DateTimeOffset now, QuestionnaireCatalogue questionnaires, DateTimeOffset? notBefore = null)
    {
        if (MeasurementTypes.Parse(Request.Type) is not { } type)
            return Validated<Shaped>.Fail("type", $"Unknown measurement type '{Request.Type}'; known types: {MeasurementTypes.Known}.");
        var input = new MeasurementInput(Request.ClientId, type, Request.Value, Request.Systolic, Request.Diastolic, Request.Unit, Request.EffectiveAt,
            Request.DeviceId, Request.PatientConfirmed ?? false, Request.Note);
        var shaped = Measurement.Record(id, PatientId, input, actor, now, notBefore);
        return shaped.IsValid ? Validated<Shaped>.Ok(new Shaped(shaped.Value, null)) : Validated<Shaped>.Fail(shaped.Errors);
    }

    /// <summary>The same reading with its bundle-local device name resolved.</summary>
    public IncomingMeasurement WithDevice(Guid deviceId) => this with { Request = Request with { DeviceId = deviceId }, DeviceName = null };
}

/// <summary>A patient's answers to a questionnaire.</summary>
public sealed record IncomingResponse(Guid PatientId, RecordQuestionnaireResponse.Request Request) : IncomingReport(PatientId)
{
    public override Validated<Shaped> Shape(Guid id, string actor, DateTimeOffset now, QuestionnaireCatalogue questionnaires, DateTimeOffset? notBefore = null)
    {
        var shaped = QuestionnaireResponse.Record(id, PatientId, Request.ClientId, Request.Questionnaire, Request.Answers, Request.EffectiveAt, actor, now,
            questionnaires, notBefore, Request.QuestionnaireVersion);
        return shaped.IsValid ? Validated<Shaped>.Ok(new Shaped(null, shaped.Value)) : Validated<Shaped>.Fail(shaped.Errors);
    }
}

/// <summary>A checked report as it would be stored: exactly one of a measurement and a questionnaire response.</summary>
public sealed record Shaped(Measurement? Measurement, QuestionnaireResponse? Response)
{
    public Guid Id => Measurement?.Id ?? Response!.Id;

    public string ClientId => Measurement?.ClientId ?? Response!.ClientId;

    public bool IsMeasurement => Measurement is not null;

    public TriageReport AsReport() => Measurement is { } m ? TriageReport.Of(m) : Response!.AsReport();

    /// <summary>Whether a stored report with the same client id says the same thing (a resend) or not (a reused client id).</summary>
    public bool IsSameAs(Shaped stored) =>
        Measurement is { } m ? stored.Measurement is { } s && s.IsSameReadingAs(m) : stored.Response is { } r && r.IsSameResponseAs(Response!);
}
