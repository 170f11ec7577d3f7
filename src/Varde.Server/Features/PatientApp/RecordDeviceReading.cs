using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Devices;
using Varde.Domain;
using Varde.Domain.Devices;
using Varde.Domain.Measurements;
using Varde.Domain.Services;
using Varde.Domain.Triage;
using Varde.Server.Auth;
using DeviceResources = Varde.Server.Features.Fhir.DeviceResources;
using Varde.Server.Features.Measurements;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.PatientApp;

/// <summary>
/// POST /pasient/api/device-readings: a value the patient app read from a paired Bluetooth device (Web Bluetooth), as
/// the device sent it: the characteristic, its bytes in hex, when the app received it, and the device's identity (the
/// browser's id for it, and manufacturer, model and serial from its Device Information service). Varde reads it with
/// the same parser as the reference gateway (<see cref="HealthCharacteristics"/>), registers the device for the
/// patient's service (once), and takes the readings in through the one intake path, all or nothing (a blood pressure
/// and the pulse measured with it). A glucose meter's record gets a client id from the meter and its sequence number,
/// so fetching the meter's memory again stores nothing twice; any other value keeps the app's client id (its outbox
/// resends with it). A value the device marks as not a real measurement is refused with the device's reason.
/// </summary>
public sealed class RecordDeviceReading(ReportIntake intake, DeviceResources devices, ServiceHours hours, TimeProvider clock)
{
    public const string BrowserDeviceSystem = "urn:varde:web-bluetooth-device";
    private const int LongestHex = 512;

    public sealed record DeviceIdentity(string? Id, string? Manufacturer, string? Model, string? Serial);

    public sealed record Request(string? ClientId, string? Characteristic, string? Value, DateTimeOffset? ReceivedAt, DeviceIdentity? Device);

    /// <summary>The readings; <see cref="Sequence"/>: a glucose record's sequence number (the app asks the meter for the records after it next time).</summary>
    public sealed record Response(IReadOnlyList<MeasurementResponse> Readings, int? Sequence = null);

    public static void Map(RouteGroupBuilder self) =>
        self.MapPost("/device-readings", (Request request, ClaimsPrincipal user, RecordDeviceReading slice, CancellationToken ct) =>
                slice.HandleAsync(PatientAuth.PatientId(user), request, user, ct))
            .RequireScope("Observation", 'c')
            .RequireAuthorization(Policies.SendFromPatientApp)
            .WithName(nameof(RecordDeviceReading));

    public async Task<Results<Created<Response>, Ok<Response>, ValidationProblem, ProblemHttpResult>> HandleAsync(Guid patientId, Request request,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (report, errors) = Read(request);
        if (report is null)
            return TypedResults.ValidationProblem(ValidationError.ByField(errors));
        if (!report.IsFinal)
            return Refused("value", "This is a value shown while measuring, not a finished measurement; send the final one.");
        if (report.UserUnknown)
            return Refused("value", "Målingen er lagret på en gjest på måleren, ikke på deg. Mål på nytt som din bruker, eller skriv inn tallene. (A guest's measurement.)");

        var caller = Callers.From(user);
        var registered = MeasuringDevice.Register(Guid.CreateVersion7(now), caller.OrganisationId, request.Device!.Manufacturer, request.Device.Model,
            request.Device.Serial, BrowserDeviceSystem, request.Device.Id, caller.ActorId, now);
        if (!registered.IsValid)
            return TypedResults.ValidationProblem(ValidationError.ByField(registered.Errors.Select(e => e with { Field = $"device.{e.Field}" })));
        var (device, _) = await devices.RegisterOrFindAsync(registered.Value, ct);

        // The app's receive time (a reading may wait in its outbox), never later than now.
        var receivedAt = request.ReceivedAt is { } at && at <= now ? at : now;
        var time = DeviceClock.TimeOf(report, receivedAt, NorwegianTime.Zone);
        // A record from a meter's memory has no "now": without a time Varde can trust, or older than Varde takes, judging
        // it as measured now would be wrong (an old high as today's red, an earlier owner's reading as this patient's).
        if (report.SequenceNumber is not null && time.Source == ReadingTimeSource.Received)
            return Refused("value", $"Måleren har ikke riktig klokke, så den lagrede målingen mangler tidspunkt. Still klokken på måleren, eller skriv inn tallene. ({time.Doubt?.En})");
        if (time.Source == ReadingTimeSource.Device && time.At < now.AddDays(-ReportTime.DefaultMaxAgeDays))
            return Refused("value", $"Målingen er eldre enn {ReportTime.DefaultMaxAgeDays} dager og blir ikke tatt imot. (Measured {time.At:yyyy-MM-dd}.)");
        var incoming = report.Readings.Select((reading, i) => (IncomingReport)new IncomingMeasurement(patientId, new RecordMeasurement.Request(
            ClientIdFor(request, report, reading, time, i), MeasurementTypes.Name(Enum.Parse<MeasurementType>(reading.Kind.ToString())),
            reading.Kind == ReadingKind.BloodPressure ? null : reading.Value,
            reading.Kind == ReadingKind.BloodPressure ? reading.Value : null, reading.Diastolic, reading.Unit, time.At, device.Id,
            Note: ReadingNote.For(reading.Notes, time.Source, time.Doubt)))).ToList();
        var outcomes = await intake.TakeInAsync(incoming, caller, IntakeMode.AllOrNothing, ct);
        if (outcomes.FirstOrDefault(o => o is IntakeOutcome.Refused) is { } refused)
            return Refusals.ToProblem<Response>(refused, patientId, "The client id is already used for another reading");

        var readings = new List<MeasurementResponse>();
        foreach (var outcome in outcomes)
        {
            readings.Add(outcome switch
            {
                IntakeOutcome.Stored stored => MeasurementResponse.From(stored.Report.Measurement!, stored.Record,
                    await hours.InstructionAsync(stored.Record.Result, stored.Record.Subject, stored.Plan, stored.ServiceId, now, ct)),
                IntakeOutcome.Resent resent => MeasurementResponse.From(resent.Report.Measurement!, resent.Record,
                    await hours.InstructionAsync(resent.Record, resent.ServiceId, now, ct)),
                _ => throw new InvalidOperationException($"An all-or-nothing intake without a refusal ended as {outcome.GetType().Name}."),
            });
        }

        var response = new Response(readings, report.SequenceNumber);
        return outcomes.Any(o => o is IntakeOutcome.Stored) ? TypedResults.Created($"/api/patients/{patientId}/measurements/{readings[0].Id}", response)
            : TypedResults.Ok(response);
    }

    private static (DeviceReport? Report, List<ValidationError> Errors) Read(Request request)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(request.ClientId) || request.ClientId.Length > 80 || request.ClientId.Any(char.IsControl))
            errors.Add(new("clientId", "A client id of 1 to 80 printable characters is required; it makes resending safe."));
        if (request.Device?.Id is not { Length: > 0 and <= 100 })
            errors.Add(new("device.id", "The device's id (as the browser knows it) is required: 1 to 100 characters."));
        ushort characteristic = 0;
        if (request.Characteristic is not { Length: 4 } uuid || !ushort.TryParse(uuid, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out characteristic))
            errors.Add(new("characteristic", "The characteristic is its 16-bit UUID in 4 hex digits, e.g. 2A35."));
        else if (!HealthCharacteristics.IsKnown(characteristic))
            errors.Add(new("characteristic", $"Characteristic 0x{request.Characteristic} is not a health measurement Varde reads (docs/devices.md)."));
        byte[] bytes = [];
        var hex = request.Value?.Replace(" ", "", StringComparison.Ordinal) ?? "";
        if (hex.Length is 0 or > LongestHex || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
            errors.Add(new("value", "The value is the characteristic's bytes in hex, e.g. \"1E 8A 00 …\"."));
        else
            bytes = Convert.FromHexString(hex);
        if (errors.Count > 0)
            return (null, errors);
        var parse = HealthCharacteristics.Read(characteristic, bytes);
        if (parse.Value is { } report)
            return (report, errors);
        // The patient reads this: what to do in bokmål, the device's own reason after it.
        var advice = parse.OutsideDeviceRange
            ? "Måleren viser at verdien er utenfor det den kan måle. Mål på nytt; får du samme svar, kontakt oppfølgingstjenesten."
            : "Måleren sendte en måling som ikke kan brukes. Mål på nytt, eller skriv inn tallene.";
        return (null, [new("value", $"{advice} ({parse.Refusal})")]);
    }

    /// <summary>
    /// A reading the device timed gets its id from the device and the measurement (the device, what, its time and values),
    /// so a monitor that sends its stored readings again on the next connection, or a meter whose memory is fetched again,
    /// stores nothing twice; the device is known by its serial when it gives one (the browser's id for it changes with a
    /// new tablet). A glucose record is known by its sequence number and time. Without a device time the app's id is kept
    /// (its outbox resends with it; a companion reading, the pulse with a blood pressure, adds its kind).
    /// </summary>
    private static string ClientIdFor(Request request, DeviceReport report, DeviceReading reading, ReadingTime time, int index)
    {
        var device = request.Device!.Serial is { Length: > 0 } serial
            ? $"{request.Device.Manufacturer}|{request.Device.Model}|{serial}"
            : $"browser|{request.Device.Id}";
        if (report.SequenceNumber is { } sequence)
            return $"ble-{Hash(device)}-g{sequence}-{report.Time}".Replace(' ', 'T');
        if (time.Source == ReadingTimeSource.Device)
            return $"ble-{Hash(device)}-{Hash(string.Create(CultureInfo.InvariantCulture, $"{reading.Kind}|{report.Time}|{reading.Value}|{reading.Diastolic}|{reading.Unit}"))}";
        return index == 0 ? request.ClientId!.Trim() : $"{request.ClientId!.Trim()}-{reading.Kind.ToString().ToLowerInvariant()}";
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private static ValidationProblem Refused(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
