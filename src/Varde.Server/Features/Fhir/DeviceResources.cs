using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Devices;
using Varde.Server.Auth;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// POST /fhir/Device and GET /fhir/Device/{id}: a gateway (or staff) registers a device it reads from, for its own
/// organisation: manufacturer, model (deviceName of type model-name, or modelNumber), serial number and identifier.
/// Registering the same device again (same identifier, or same manufacturer, model and serial) answers 200 with the
/// one already registered. Devices hold no patient data; other organisations' devices are 404.
/// </summary>
public sealed class DeviceResources(VardeDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapPost("/Device", async (HttpRequest request, ClaimsPrincipal user, DeviceResources slice, CancellationToken ct) =>
            {
                var parsed = await FhirJson.ReadAsync<Device>(request, ct);
                return parsed.Problem ?? await slice.CreateAsync(parsed.Resource!, request, user, ct);
            })
            .WithName("CreateFhirDevice")
            .RequireScope("Device", 'c')
            .RequireAuthorization(Policies.FhirWrite);
        fhir.MapGet("/Device/{id}", (string id, ClaimsPrincipal user, DeviceResources slice, CancellationToken ct) => slice.ReadAsync(id, user, ct))
            .WithName("ReadFhirDevice")
            .RequireScope("Device", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Device/{id}/_history/{vid}", (string id, string vid, ClaimsPrincipal user, DeviceResources slice, CancellationToken ct) =>
                FhirVersions.ReadAsync(slice.ReadAsync(id, user, ct), "Device", id, vid))
            .WithName("VreadFhirDevice")
            .RequireScope("Device", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Device/{id}/_history", (string id, HttpRequest request, ClaimsPrincipal user, DeviceResources slice, TimeProvider clock, CancellationToken ct) =>
                FhirVersions.HistoryAsync(() => slice.ReadAsync(id, user, ct), request, clock.GetUtcNow()))
            .WithName("HistoryFhirDevice")
            .RequireScope("Device", 'r')
            .RequireAuthorization(Policies.FhirRead);
    }

    public async Task<FhirResult> CreateAsync(Device device, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Callers.From(user);
        var identifier = device.Identifier.FirstOrDefault();
        var model = device.DeviceName.FirstOrDefault(n => n.Type == DeviceNameType.ModelName)?.Name ?? device.ModelNumber;
        var registered = MeasuringDevice.Register(Guid.CreateVersion7(clock.GetUtcNow()), caller.OrganisationId, device.Manufacturer, model, device.SerialNumber,
            identifier?.System, identifier?.Value, caller.ActorId, clock.GetUtcNow());
        if (!registered.IsValid)
            return FhirOutcome.Unprocessable(registered.Errors);
        var (kept, created) = await RegisterOrFindAsync(registered.Value, ct);
        return new FhirResult(ToFhir(kept), created ? StatusCodes.Status201Created : StatusCodes.Status200OK, FhirPaths.Resource(request, "Device", kept.Id));
    }

    /// <summary>
    /// Keeps a device for its organisation, or finds the one already kept (the same identifier, or with none, the same
    /// manufacturer, model and serial): registering twice gives the first. The one way a device is registered (FHIR,
    /// bundles, the patient app's Bluetooth readings).
    /// </summary>
    public async Task<(MeasuringDevice Device, bool Created)> RegisterOrFindAsync(MeasuringDevice d, CancellationToken ct)
    {
        var existing = await db.MeasuringDevices.AsNoTracking().Where(x => x.OrganisationId == d.OrganisationId)
            .Where(x => (d.IdentifierValue != null && x.IdentifierSystem == d.IdentifierSystem && x.IdentifierValue == d.IdentifierValue)
                || (d.IdentifierValue == null && d.SerialNumber != null && x.Manufacturer == d.Manufacturer && x.Model == d.Model && x.SerialNumber == d.SerialNumber))
            .FirstOrDefaultAsync(ct);
        if (existing is not null)
            return (existing, false);
        db.MeasuringDevices.Add(d);
        await db.SaveChangesAsync(ct);
        return (d, true);
    }

    public async Task<FhirResult> ReadAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        var organisation = Callers.From(user).OrganisationId;
        var device = Guid.TryParse(id, out var deviceId)
            ? await db.MeasuringDevices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deviceId && d.OrganisationId == organisation, ct)
            : null;
        return device is null ? FhirOutcome.NotFound($"Device/{id}") : new FhirResult(ToFhir(device));
    }

    public static Device ToFhir(MeasuringDevice d)
    {
        var device = new Device
        {
            Id = d.Id.ToString(),
            Meta = new Meta { LastUpdated = d.RegisteredAt, VersionId = "1" },
            Status = Device.FHIRDeviceStatus.Active,
            Manufacturer = d.Manufacturer,
            SerialNumber = d.SerialNumber,
            Owner = new ResourceReference($"Organization/{d.OrganisationId}"),
        };
        if (d.Model is not null)
            device.DeviceName.Add(new Device.DeviceNameComponent { Name = d.Model, Type = DeviceNameType.ModelName });
        if (d.IdentifierValue is not null)
            device.Identifier.Add(new Identifier(d.IdentifierSystem, d.IdentifierValue));
        return device;
    }
}
