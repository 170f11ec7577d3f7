namespace Varde.Domain.Plans;

/// <summary>
/// The patient's own part of the self-management plan, written for the patient: what matters to them ("Hva er viktig
/// for deg?", in their own words), what they do to stay well (medication and activity, diet, social), and whom to
/// contact and when. The patient app shows it under "Min plan"; triage does not use it.
/// </summary>
public sealed record PlanGuidance(IReadOnlyList<string> Goals, IReadOnlyList<string> StayingWell, IReadOnlyList<PlanContact> Contacts)
{
    public const int MaxTextLength = 500;

    public PlanGuidance Normalised() => new(Clean(Goals), Clean(StayingWell), (Contacts ?? []).Where(c => c is not null).ToList());

    public IEnumerable<ValidationError> Check(string field)
    {
        if (Goals.Concat(StayingWell).Any(t => t.Length > MaxTextLength))
            yield return new(field, $"Each goal and measure is at most {MaxTextLength} characters.");
        for (var i = 0; i < Contacts.Count; i++)
        {
            var c = Contacts[i];
            if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 200)
                yield return new($"{field}.contacts[{i}]", "A contact needs a name of 1 to 200 characters.");
            if (c.Phone is { } phone && !phone.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '+'))
                yield return new($"{field}.contacts[{i}]", "A phone number has digits, spaces and an optional +.");
            if (c.When is { Length: > MaxTextLength })
                yield return new($"{field}.contacts[{i}]", $"When to call is at most {MaxTextLength} characters.");
        }
    }

    private static List<string> Clean(IReadOnlyList<string>? texts) =>
        (texts ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList();
}

/// <summary>Someone the patient contacts: the follow-up service, the GP, out-of-hours; with a phone number and when to call.</summary>
public sealed record PlanContact(string Name, string? Phone, string? When);
