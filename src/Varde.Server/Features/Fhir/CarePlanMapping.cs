using System.Globalization;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;
using Varde.Server.Components.Plans;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// A plan version as FHIR (ADR 0013): one <see cref="CarePlan"/> per version — VKP category egenbehandlingsplan, the
/// approving GP as author, the previous version as <c>replaces</c>, an activity per schedule item, the zone
/// instructions, the other triage rules, staying well and contacts as notes, and the whole plan in words as narrative —
/// and one <see cref="Goal"/> per threshold (the green range as target, every bound in Varde's threshold extension)
/// and per goal of the patient's own.
/// </summary>
public static class CarePlanMapping
{
    public const string CategorySystem = "http://ehelse.no/fhir/CodeSystem/vkp-careplan-category-v090";
    public const string NoteKindExtension = "https://varde.no/fhir/StructureDefinition/plan-note-kind";
    public const string ThresholdExtension = "https://varde.no/fhir/StructureDefinition/threshold";
    public const string HprSystem = "urn:oid:2.16.578.1.12.4.1.4.4";
    private const string Ucum = "http://unitsofmeasure.org";

    /// <summary>A staff member as a plan names them: name and HPR number.</summary>
    public sealed record Person(string Name, string? HprNumber);

    /// <summary>The staff members these versions name (who made and who approved them), by actor id.</summary>
    public static async Task<IReadOnlyDictionary<string, Person>> PeopleAsync(VardeDbContext db, IEnumerable<PlanVersion> versions, CancellationToken ct)
    {
        var staffIds = versions.SelectMany(v => new[] { v.CreatedBy, v.Approval?.ApprovedBy })
            .Select(a => Guid.TryParse(a, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        return await db.StaffMembers.AsNoTracking().Where(s => staffIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id.ToString(), s => new Person(s.Name, s.HprNumber), ct);
    }

    public static CarePlan ToCarePlan(PlanStanding standing, IReadOnlyDictionary<string, Person> people, QuestionnaireCatalogue questionnaires)
    {
        var v = standing.Version;
        var rules = v.Rules;
        var plan = new CarePlan
        {
            Id = v.Id.ToString(),
            Meta = Meta(standing),
            Status = standing.Is switch
            {
                PlanStanding.Kind.InForce => RequestStatus.Active,
                PlanStanding.Kind.Draft => RequestStatus.Draft,
                _ => RequestStatus.Revoked,
            },
            Intent = CarePlan.CarePlanIntent.Plan,
            Title = $"Egenbehandlingsplan, versjon {v.Number}",
            Description = v.ChangeNote,
            Subject = new ResourceReference($"Patient/{v.PatientId}"),
            Created = v.CreatedAt.ToString("o", CultureInfo.InvariantCulture),
            Author = v.Approval is { } approval ? PersonReference(approval.ApprovedBy, people) : null,
            Contributor = [PersonReference(v.CreatedBy, people)],
            Goal = [.. GoalIds(v).Select(id => new ResourceReference($"Goal/{id}"))],
        };
        plan.Category.Add(new CodeableConcept(CategorySystem, "2", "Egenbehandlingsplan"));
        if (v.Approval is { } approved)
            plan.Period = new Period(new FhirDateTime(approved.ApprovedAt), standing.EndedAt is { } ended ? new FhirDateTime(ended) : null);
        if (standing.Previous is { } previous)
            plan.Replaces.Add(new ResourceReference($"CarePlan/{previous.Id}"));
        foreach (var item in rules.Schedule)
            plan.Activity.Add(Activity(item, standing, questionnaires));
        foreach (var (kind, text) in Notes(rules, questionnaires))
        {
            var note = new Annotation { Text = new Markdown(text) };
            note.Extension.Add(new Extension(NoteKindExtension, new Code(kind)));
            plan.Note.Add(note);
        }

        plan.Text = Narrative(plan, v, questionnaires);
        return plan;
    }

    /// <summary>The goals of a plan version: one per threshold, then the patient's own goals in their words.</summary>
    public static IEnumerable<Goal> ToGoals(PlanStanding standing, IReadOnlyDictionary<string, Person> people)
    {
        var v = standing.Version;
        var status = standing.Is switch
        {
            PlanStanding.Kind.InForce => Goal.GoalLifecycleStatus.Active,
            PlanStanding.Kind.Draft => Goal.GoalLifecycleStatus.Proposed,
            _ => Goal.GoalLifecycleStatus.Cancelled,
        };
        var by = PersonReference(v.Approval?.ApprovedBy ?? v.CreatedBy, people);
        foreach (var t in v.Thresholds)
        {
            var q = MeasurementCatalogue.Get(t.Quantity);
            var (low, high) = (t.YellowLow ?? t.RedLow, t.YellowHigh ?? t.RedHigh);
            var target = new Goal.TargetComponent
            {
                Measure = ObservationCodes.ConceptFor(t.Quantity),
                Detail = new Hl7.Fhir.Model.Range { Low = Quantity(low, q), High = Quantity(high, q) },
            };
            var bounds = new Extension { Url = ThresholdExtension };
            foreach (var (name, value) in new[] { ("redLow", t.RedLow), ("yellowLow", t.YellowLow), ("yellowHigh", t.YellowHigh), ("redHigh", t.RedHigh) })
                if (Quantity(value, q) is { } bound)
                    bounds.Extension.Add(new Extension(name, bound));
            target.Extension.Add(bounds);
            var goal = NewGoal(standing, $"{v.Id}-{Kebab(t.Quantity.ToString())}", status, GreenText(t, q), by);
            goal.Target.Add(target);
            yield return goal;
        }

        var own = v.Rules.Guidance?.Goals ?? [];
        for (var i = 0; i < own.Count; i++)
            yield return NewGoal(standing, $"{v.Id}-own-{i + 1}", status, own[i], by);
    }

    /// <summary>The plan version a Goal id belongs to (the first 36 characters are its id).</summary>
    public static Guid? VersionOfGoal(string goalId) =>
        goalId.Length > 37 && goalId[36] == '-' && Guid.TryParseExact(goalId[..36], "D", out var id) ? id : null;

    private static IEnumerable<string> GoalIds(PlanVersion v) =>
        v.Thresholds.Select(t => $"{v.Id}-{Kebab(t.Quantity.ToString())}")
            .Concat((v.Rules.Guidance?.Goals ?? []).Select((_, i) => $"{v.Id}-own-{i + 1}"));

    private static Goal NewGoal(PlanStanding standing, string id, Goal.GoalLifecycleStatus status, string description, ResourceReference by) => new()
    {
        Id = id,
        Meta = Meta(standing),
        LifecycleStatus = status,
        Description = new CodeableConcept { Text = description },
        Subject = new ResourceReference($"Patient/{standing.Version.PatientId}"),
        ExpressedBy = by,
        Start = standing.Version.Approval is { } a ? new Date(Varde.Domain.Services.NorwegianTime.Today(a.ApprovedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
    };

    private static CarePlan.ActivityComponent Activity(ScheduleItem item, PlanStanding standing, QuestionnaireCatalogue questionnaires)
    {
        var what = PlanWording.What(item, questionnaires);
        var detail = new CarePlan.DetailComponent
        {
            Kind = item.Measurement is null ? CarePlan.CarePlanActivityKind.Task : CarePlan.CarePlanActivityKind.ServiceRequest,
            Code = item.Measurement is { } m ? ObservationCodes.ConceptFor(m) : new CodeableConcept { Text = what.Nb },
            Status = standing.Is switch
            {
                PlanStanding.Kind.InForce => CarePlan.CarePlanActivityStatus.Scheduled,
                PlanStanding.Kind.Draft => CarePlan.CarePlanActivityStatus.NotStarted,
                _ => CarePlan.CarePlanActivityStatus.Stopped,
            },
            Description = PlanWording.Schedule(item, questionnaires).Nb,
            Scheduled = new Timing
            {
                Repeat = new Timing.RepeatComponent
                {
                    Frequency = 1,
                    Period = 1,
                    PeriodUnit = Timing.UnitsOfTime.D,
                    DayOfWeek = [.. item.Days.Order().Select(Day)],
                    TimeOfDayElement = [new Time(item.DueBy.ToString("HH:mm:ss", CultureInfo.InvariantCulture))],
                },
            },
        };
        if (item.QuestionnaireId is { } id && questionnaires.Find(id) is { } q)
            detail.InstantiatesCanonical = [q.Url];
        if (item.Measurement is { } type)
            detail.Goal = [.. MeasurementCatalogue.Get(type).Components.Where(c => standing.Version.ThresholdFor(c.Quantity) is not null)
                .Select(c => new ResourceReference($"Goal/{standing.Version.Id}-{Kebab(c.Quantity.ToString())}"))];
        return new CarePlan.ActivityComponent { Detail = detail };
    }

    private static IEnumerable<(string Kind, string Text)> Notes(PlanRules rules, QuestionnaireCatalogue questionnaires)
    {
        if (rules.Instructions is { } i)
        {
            foreach (var (zone, text) in new[] { ("zone-green", i.Green), ("zone-yellow", i.Yellow), ("zone-red", i.Red) })
                if (!string.IsNullOrWhiteSpace(text))
                    yield return (zone, text);
            foreach (var own in i.Subjects ?? [])
            {
                var what = PlanWording.Subject(own.Subject, questionnaires).Nb;
                if (!string.IsNullOrWhiteSpace(own.Yellow))
                    yield return ("zone-yellow", $"{what}: {own.Yellow}");
                if (!string.IsNullOrWhiteSpace(own.Red))
                    yield return ("zone-red", $"{what}: {own.Red}");
            }
        }

        foreach (var rule in PlanLines.Rules(rules, questionnaires))
            yield return ("rule", rule.Nb);
        foreach (var measure in rules.Guidance?.StayingWell ?? [])
            yield return ("staying-well", measure);
        foreach (var contact in rules.Guidance?.Contacts ?? [])
            yield return ("contact", PlanWording.Contact(contact).Nb);
    }

    private static Narrative Narrative(CarePlan plan, PlanVersion v, QuestionnaireCatalogue questionnaires)
    {
        var html = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        html.Append("<p><b>").Append(Encode(plan.Title)).Append("</b> (").Append(plan.Status switch
        {
            RequestStatus.Active => "gjeldende",
            RequestStatus.Draft => "utkast, venter på godkjenning",
            _ => "erstattet",
        }).Append(")</p>");
        List("Grenser", v.Thresholds.SelectMany(Bounds), html);
        List("Rapportering", v.Rules.Schedule.Select(s => PlanWording.Schedule(s, questionnaires).Nb), html);
        List("Regler", PlanLines.Rules(v.Rules, questionnaires).Select(r => r.Nb), html);
        List("Råd", plan.Note.Where(n => n.GetExtensionValue<Code>(NoteKindExtension)?.Value is not "rule").Select(n => n.Text ?? ""), html);
        html.Append("</div>");
        return new Narrative { Status = Hl7.Fhir.Model.Narrative.NarrativeStatus.Generated, Div = html.ToString() };
    }

    private static IEnumerable<string> Bounds(QuantityThreshold t)
    {
        var q = MeasurementCatalogue.Get(t.Quantity);
        foreach (var (value, zone, below) in new[] { (t.RedLow, TriageOutcome.Red, true), (t.YellowLow, TriageOutcome.Yellow, true),
                     (t.YellowHigh, TriageOutcome.Yellow, false), (t.RedHigh, TriageOutcome.Red, false) })
            if (value is { } bound)
                yield return $"{PlanWording.Bound(q, zone, below).Nb} {PlanWording.Amount(bound, q).Nb}";
    }

    private static void List(string heading, IEnumerable<string> lines, StringBuilder html)
    {
        var items = lines.ToList();
        if (items.Count == 0)
            return;
        html.Append("<p>").Append(Encode(heading)).Append("</p><ul>");
        foreach (var line in items)
            html.Append("<li>").Append(Encode(line)).Append("</li>");
        html.Append("</ul>");
    }

    private static string GreenText(QuantityThreshold t, QuantityDefinition q)
    {
        var (low, high) = (t.YellowLow ?? t.RedLow, t.YellowHigh ?? t.RedHigh);
        var range = (low, high) switch
        {
            ({ } l, { } h) => $"{PlanWording.Amount(l, q).Nb.Replace($" {q.DisplayUnit}", "", StringComparison.Ordinal)}–{PlanWording.Amount(h, q).Nb}",
            ({ } l, null) => $"minst {PlanWording.Amount(l, q).Nb}",
            (null, { } h) => $"høyst {PlanWording.Amount(h, q).Nb}",
            _ => "",
        };
        return $"{q.NameNb} innenfor egne grenser: {range}";
    }

    private static Quantity? Quantity(decimal? value, QuantityDefinition q) =>
        value is { } v ? new Quantity { Value = v, Unit = q.DisplayUnit, System = Ucum, Code = q.UcumUnit } : null;

    private static ResourceReference PersonReference(string actorId, IReadOnlyDictionary<string, Person> people) =>
        people.TryGetValue(actorId, out var person)
            ? new ResourceReference
            {
                Type = "Practitioner",
                Display = person.Name,
                Identifier = person.HprNumber is { } hpr ? new Identifier(HprSystem, hpr) : null,
            }
            : new ResourceReference { Display = actorId };

    private static Meta Meta(PlanStanding standing) => new()
    {
        VersionId = standing.FhirVersion.ToString(CultureInfo.InvariantCulture),
        LastUpdated = standing.LastUpdated,
    };

    private static DaysOfWeek Day(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => DaysOfWeek.Mon,
        DayOfWeek.Tuesday => DaysOfWeek.Tue,
        DayOfWeek.Wednesday => DaysOfWeek.Wed,
        DayOfWeek.Thursday => DaysOfWeek.Thu,
        DayOfWeek.Friday => DaysOfWeek.Fri,
        DayOfWeek.Saturday => DaysOfWeek.Sat,
        _ => DaysOfWeek.Sun,
    };

    private static string Kebab(string name) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    /// <summary>Text as XHTML: markup characters escaped, letters (æ, ø, å) as they are.</summary>
    private static string Encode(string? text) =>
        (text ?? "").Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
