namespace Varde.Domain.Measurements;

/// <summary>What a reading must look like before it is stored: nothing is stored when any of these fail.</summary>
internal static class MeasurementInputRules
{
    /// <summary>Values beyond this are not measurements of anything a person has; they are malformed input.</summary>
    private const decimal MaxMagnitude = 100_000m;

    /// <summary>
    /// The note as kept: line ends as \n, tabs as spaces, trimmed; none when it is empty or only white space (an empty
    /// note is no reason to refuse a reading).
    /// </summary>
    public static string? CleanNote(string? note)
    {
        var clean = note?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace('\t', ' ').Trim();
        return string.IsNullOrEmpty(clean) ? null : clean;
    }

    public static List<ValidationError> Check(MeasurementInput input, DateTimeOffset receivedAt,
        out MeasurementDefinition? definition, out List<decimal> originals)
    {
        var errors = new List<ValidationError>();
        definition = null;
        originals = [];

        var clientId = input.ClientId?.Trim();
        if (string.IsNullOrEmpty(clientId) || clientId.Length > Measurement.ClientIdMaxLength || clientId.Any(char.IsControl))
            errors.Add(new("clientId", $"A client id of 1 to {Measurement.ClientIdMaxLength} printable characters is required; it makes resending safe."));
        if (CleanNote(input.Note) is { } note && (note.Length > Measurement.NoteMaxLength || note.Any(c => char.IsControl(c) && c != '\n')))
            errors.Add(new("note", $"A note is at most {Measurement.NoteMaxLength} characters of text (line breaks allowed)."));

        // A time that cannot be trusted (a reset device clock) is not an error: see Triage.ReportTime.
        if (input.EffectiveAt is null)
            errors.Add(new("effectiveAt", "The time the measurement was taken is required."));

        if (input.Type is not { } type || !Enum.IsDefined(type))
        {
            errors.Add(new("type", "A known measurement type is required."));
            return errors;
        }

        definition = MeasurementCatalogue.Get(type);
        originals = CheckShape(input, definition, errors);
        CheckUnit(input.Unit, definition, errors);
        return errors;
    }

    private static List<decimal> CheckShape(MeasurementInput input, MeasurementDefinition definition, List<ValidationError> errors)
    {
        List<decimal?> values;
        if (definition.IsPanel)
        {
            if (input.Value is not null)
                errors.Add(new("value", "Blood pressure is sent as systolic and diastolic, not as one value."));
            if (input.Systolic is null || input.Diastolic is null)
                errors.Add(new("systolic", "Blood pressure needs both the systolic and the diastolic number."));
            values = [input.Systolic, input.Diastolic];
        }
        else
        {
            if (input.Systolic is not null || input.Diastolic is not null)
                errors.Add(new("value", $"{definition.NameEn} is one value; systolic and diastolic belong to blood pressure."));
            if (input.Value is null)
                errors.Add(new("value", $"{definition.NameEn} needs a value."));
            values = [input.Value];
        }

        if (values.Any(v => v is { } x && Math.Abs(x) > MaxMagnitude))
            errors.Add(new("value", "The value is far too large to be a measurement."));
        return values.All(v => v is not null) ? values.Select(v => v!.Value).ToList() : [];
    }

    private static void CheckUnit(string? unit, MeasurementDefinition definition, List<ValidationError> errors)
    {
        var accepted = definition.Components[0].AcceptedUnits.ToList();
        if (string.IsNullOrWhiteSpace(unit))
            errors.Add(new("unit", $"A unit is required for {definition.NameEn.ToLowerInvariant()}; accepted: {string.Join(", ", accepted)}."));
        else if (!accepted.Contains(unit.Trim(), StringComparer.Ordinal))
            errors.Add(new("unit", $"The unit '{unit.Trim()}' cannot be used for {definition.NameEn.ToLowerInvariant()}; accepted: {string.Join(", ", accepted)}."));
    }
}
