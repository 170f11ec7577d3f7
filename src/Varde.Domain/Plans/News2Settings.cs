namespace Varde.Domain.Plans;

/// <summary>
/// NEWS2 for this patient: computed when all parameters are present within <see cref="WindowMinutes"/>; SpO2 scale 2
/// only when the plan documents a target of 88–92 % (standards.md §5.1). Home follow-up adapts the ward bands:
/// a total at or above <see cref="YellowFrom"/> (or 3 in one parameter) is yellow, at or above <see cref="RedFrom"/> red.
/// </summary>
public sealed record News2Settings(bool UseSpo2Scale2 = false, int WindowMinutes = 120, int YellowFrom = 5, int RedFrom = 7,
    bool SingleParameterThreeIsYellow = true)
{
    public TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);

    public IEnumerable<ValidationError> Check(string field)
    {
        if (WindowMinutes is < 10 or > 24 * 60)
            yield return new(field, "The NEWS2 window is 10 minutes to 24 hours.");
        if (YellowFrom is < 1 or > 20 || RedFrom is < 1 or > 20 || YellowFrom > RedFrom)
            yield return new(field, "NEWS2 bands must be 1–20 with yellow at or below red.");
    }
}
