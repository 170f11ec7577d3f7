namespace Varde.Domain.Devices;

/// <summary>
/// A device readings come from (a blood pressure monitor, a scale, a pulse oximeter), registered by the gateway or
/// service that reads it: manufacturer, model, serial number and an optional system identifier (e.g. the PHD
/// system id). A reading can name its device, so a bad device can be traced to the readings it made.
/// </summary>
public sealed class MeasuringDevice
{
    public const int MaxTextLength = 200;

    private MeasuringDevice()
    {
        RegisteredBy = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The organisation (follow-up service) the device is registered for.</summary>
    public Guid OrganisationId { get; private set; }

    public string? Manufacturer { get; private set; }

    public string? Model { get; private set; }

    public string? SerialNumber { get; private set; }

    public string? IdentifierSystem { get; private set; }

    public string? IdentifierValue { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public string RegisteredBy { get; private set; }

    public static Validated<MeasuringDevice> Register(Guid id, Guid organisationId, string? manufacturer, string? model, string? serialNumber,
        string? identifierSystem, string? identifierValue, string registeredBy, DateTimeOffset registeredAt)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(serialNumber) && string.IsNullOrWhiteSpace(identifierValue))
            errors.Add(new("serialNumber", "A device needs a serial number or an identifier, so its readings can be traced to it."));
        foreach (var (field, text) in new[] { ("manufacturer", manufacturer), ("model", model), ("serialNumber", serialNumber), ("identifier", identifierSystem),
                     ("identifier", identifierValue) })
        {
            if (text is { Length: > MaxTextLength })
                errors.Add(new(field, $"At most {MaxTextLength} characters."));
        }

        if (errors.Count > 0)
            return Validated<MeasuringDevice>.Fail(errors);
        return Validated<MeasuringDevice>.Ok(new MeasuringDevice
        {
            Id = id,
            OrganisationId = organisationId,
            Manufacturer = Clean(manufacturer),
            Model = Clean(model),
            SerialNumber = Clean(serialNumber),
            IdentifierSystem = Clean(identifierSystem),
            IdentifierValue = Clean(identifierValue),
            RegisteredAt = registeredAt.ToUniversalTime(),
            RegisteredBy = registeredBy,
        });
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
