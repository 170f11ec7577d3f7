using System.Globalization;
using Varde.Domain.Services;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// A FHIR date search value (<c>date=ge2026-11-01</c>): a prefix (eq, gt, ge, lt, le) and a date or date-time at any
/// precision (year, month, day, time), read as the interval it covers. A value without a zone is Norwegian time.
/// </summary>
public sealed record FhirDateCriterion(string Prefix, DateTimeOffset Start, DateTimeOffset End)
{
    private static readonly string[] Prefixes = ["eq", "gt", "ge", "lt", "le"];

    public static FhirDateCriterion? Parse(string text, out string? problem)
    {
        problem = null;
        var prefix = text.Length > 2 && char.IsAsciiLetter(text[0]) ? text[..2] : "eq";
        var value = text.Length > 2 && char.IsAsciiLetter(text[0]) ? text[2..] : text;
        if (!Prefixes.Contains(prefix))
        {
            problem = $"Date prefix '{prefix}' is not supported; use eq, gt, ge, lt or le.";
            return null;
        }

        // Years outside 1900–2199 hold no reports and would overflow the calendar at its ends (0001 in Norwegian time is before year 1 in UTC).
        if (value.Length >= 4 && int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var given) && given is < 1900 or > 2199)
        {
            problem = $"'{value}' is outside the years Varde searches (1900–2199).";
            return null;
        }

        if (value.Length == 4 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            return Local(prefix, new DateOnly(year, 1, 1), new DateOnly(year, 1, 1).AddYears(1));
        if (value.Length == 7 && DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            return Local(prefix, month, month.AddMonths(1));
        if (value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return Local(prefix, day, day.AddDays(1));
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && value.Length > 10
            && (value.EndsWith('Z') || value.LastIndexOfAny(['+', '-']) > 10))
            return new(prefix, at.ToUniversalTime(), at.ToUniversalTime().AddSeconds(1));
        // A date-time without a zone is Norwegian time, as the dates are (to the second; DST gaps as NorwegianTime reads them).
        if (DateTime.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var local))
        {
            var instant = Domain.Services.NorwegianTime.ToInstant(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local)).ToUniversalTime();
            return new(prefix, instant, instant.AddSeconds(1));
        }

        problem = $"'{value}' is not a FHIR date or date-time (e.g. 2026-11-23, 2026-11-23T08:00:00+01:00, or 2026-11-23T08:00:00 as Norwegian time).";
        return null;
    }

    /// <summary>Whether an instant falls in the range this criterion asks for.</summary>
    public System.Linq.Expressions.Expression<Func<T, bool>> Matches<T>(System.Linq.Expressions.Expression<Func<T, DateTimeOffset>> at)
    {
        var parameter = at.Parameters[0];
        var body = at.Body;
        System.Linq.Expressions.Expression Constant(DateTimeOffset v) => System.Linq.Expressions.Expression.Constant(v);
        var test = Prefix switch
        {
            "gt" => System.Linq.Expressions.Expression.GreaterThanOrEqual(body, Constant(End)),
            "ge" => System.Linq.Expressions.Expression.GreaterThanOrEqual(body, Constant(Start)),
            "lt" => System.Linq.Expressions.Expression.LessThan(body, Constant(Start)),
            "le" => System.Linq.Expressions.Expression.LessThan(body, Constant(End)),
            _ => System.Linq.Expressions.Expression.AndAlso(
                System.Linq.Expressions.Expression.GreaterThanOrEqual(body, Constant(Start)),
                System.Linq.Expressions.Expression.LessThan(body, Constant(End))),
        };
        return System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(test, parameter);
    }

    private static FhirDateCriterion Local(string prefix, DateOnly from, DateOnly to) =>
        new(prefix, NorwegianTime.ToInstant(from, TimeOnly.MinValue), NorwegianTime.ToInstant(to, TimeOnly.MinValue));
}
