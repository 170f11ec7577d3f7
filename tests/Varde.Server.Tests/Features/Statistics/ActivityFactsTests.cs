using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Organisations;
using Varde.Domain.Pathways;
using Varde.Domain.Patients;
using Varde.Domain.Services;
using Varde.Domain.Statistics;
using Varde.Server.Features.Statistics;
using Varde.Testing;

namespace Varde.Server.Tests.Features.Statistics;

/// <summary>
/// The facts the figures are made from, as read from the database: each pathway's steps as Norwegian days, and the
/// evaluations read where one was held (found from the steps) and not where none was.
/// </summary>
public abstract class ActivityFactsTests(DatabaseProvider provider)
{
    private static readonly Caller Nurse = new("facts-nurse", Role.Nurse, Guid.Empty);
    private static readonly Caller Coordinator = new("facts-coordinator", Role.Coordinator, Guid.Empty);
    private static readonly InclusionChecklist AllMet = new(true, true, true, true, true, true, HasBankId: false, HasOwnDevice: false, HasCoverage: true);

    [Fact]
    public async Task APatientsPathways_AreReadAsDays_WithTheEvaluationsHeld()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var municipality = Organisation.Municipality(Guid.NewGuid(), "Horten", "3901", null).Value;
        var service = Organisation.FollowUpService(Guid.NewGuid(), "Tjenesten", [municipality], null).Value;
        var patient = Patient.Enrol(Guid.NewGuid(), "13097248022", "Ola Nordmann", service.Id, municipality.Id, null, null, DiagnosisGroup.Copd,
            new DateTimeOffset(2026, 1, 2, 9, 0, 0, TimeSpan.Zero)).Value;
        db.Organisations.AddRange(municipality, service);
        db.Patients.Add(patient);
        var referred = new DateTimeOffset(2026, 1, 5, 23, 30, 0, TimeSpan.Zero); // 00:30 on the 6th in Oslo
        var ended = Pathway.Refer(Guid.NewGuid(), patient.Id, "Fastlege", Nurse, referred).Value;
        ended.StartAssessment(Nurse, referred.AddHours(1)).ShouldBeEmpty();
        ended.Decline(AllMet, "Ikke aktuelt", referred.AddDays(1), Coordinator, referred.AddDays(1)).ShouldBeEmpty();
        var active = Pathway.Refer(Guid.NewGuid(), patient.Id, "Fastlege", Nurse, referred.AddDays(20)).Value;
        active.StartAssessment(Nurse, referred.AddDays(20)).ShouldBeEmpty();
        active.Accept(AllMet, new DateOnly(2026, 1, 28), referred.AddDays(21), Coordinator, referred.AddDays(21)).ShouldBeEmpty();
        active.RecordStartUp(referred.AddDays(22), referred.AddDays(22), [new("Nettbrett", "TAB-1")], Nurse, referred.AddDays(22)).ShouldBeEmpty();
        active.StartTrial(14, Nurse, referred.AddDays(22)).ShouldBeEmpty();
        active.Activate(true, new DateOnly(2026, 5, 1), Nurse, referred.AddDays(36)).ShouldBeEmpty();
        var assessment = new EvaluationAssessment(GoalAttainment.Met, SelfManagementChange.Better, FeelsSafer: true, ReportsWithoutHelp: true);
        active.RecordEvaluation(assessment, "Går bra", new DateOnly(2026, 9, 1), Nurse, new DateTimeOffset(2026, 5, 1, 22, 30, 0, TimeSpan.Zero)).ShouldBeEmpty();
        db.Pathways.AddRange(ended, active);
        await db.SaveChangesAsync();

        await using var reader = database.NewContext();
        var scope = (await StatisticsScope.ResolveAsync(reader, service.Id, null, null, CancellationToken.None)).Value;
        var facts = (await ActivityFacts.LoadAsync(reader, scope, new StatisticsPeriod(new(2026, 1, 1), new(2026, 12, 31)), CancellationToken.None)).Single();

        facts.Pathways.Select(p => p.Steps).ShouldBe([DaysOf(ended), DaysOf(active)]);
        facts.Pathways[0].ReferredOn.ShouldBe(new DateOnly(2026, 1, 6));
        facts.Pathways[0].Evaluations.ShouldBeEmpty();
        facts.Pathways[1].Evaluations.ShouldBe([new EvaluationFact(new DateOnly(2026, 5, 2), assessment)]);

        // The whole installation reads its pathways without a filter by patient: the same facts.
        var installation = (await StatisticsScope.ResolveAsync(reader, null, null, null, CancellationToken.None)).Value;
        installation.IsWhole.ShouldBeTrue();
        var whole = (await ActivityFacts.LoadAsync(reader, installation, new StatisticsPeriod(new(2026, 1, 1), new(2026, 12, 31)), CancellationToken.None)).Single();
        whole.ShouldBeEquivalentTo(facts);
        // Dates only: the same periods followed, and no steps or evaluations read.
        var dates = (await ActivityFacts.LoadAsync(reader, scope, new StatisticsPeriod(new(2026, 1, 1), new(2026, 12, 31)), CancellationToken.None,
            PathwayDetail.Dates)).Single();
        dates.Episodes().Select(e => (e.StartedOn, e.EndedOn, e.EndReason)).ShouldBe(facts.Episodes().Select(e => (e.StartedOn, e.EndedOn, e.EndReason)));
        dates.FollowedFrom.ShouldBe(new DateOnly(2026, 1, 28)); // the trial of the second (the first was declined)
        dates.Pathways.Select(p => p.ReferredOn).ShouldBe(facts.Pathways.Select(p => p.ReferredOn));
        dates.Pathways.ShouldAllBe(p => p.Steps.Count == 0 && p.Evaluations!.Count == 0);
        db.ServiceUse.Add(new ServiceUseMonth(patient.Id, new DateOnly(2025, 12, 1), ServiceUseKind.BedDays, 2.5m, "Uttrekk", referred));
        await db.SaveChangesAsync();
        var use = (await ServiceUseRows.LoadAsync(reader, scope, CancellationToken.None))[patient.Id].Single();
        use.ShouldBe(new MonthOfUse(new DateOnly(2025, 12, 1), ServiceUseKind.BedDays, 2.5m));
        (await ServiceUseRows.LoadAsync(reader, installation, CancellationToken.None))[patient.Id].Single().ShouldBe(use);
        (await ServiceUseRows.LoadAsync(reader, installation, CancellationToken.None))[Guid.NewGuid()].ShouldBeEmpty();

        // Only for a period in which one was held: from the day after it (2 May in Oslo), none is read.
        var afterIt = (await ActivityFacts.LoadAsync(reader, scope, new StatisticsPeriod(new(2026, 5, 3), new(2026, 12, 31)), CancellationToken.None)).Single();
        afterIt.Pathways[1].Steps.ShouldBe(DaysOf(active));
        afterIt.Pathways[1].Evaluations.ShouldBeEmpty();
        (await ActivityFacts.LoadAsync(reader, scope, new StatisticsPeriod(new(2026, 5, 2), new(2026, 5, 2)), CancellationToken.None)).Single()
            .Pathways[1].Evaluations.ShouldBe([new EvaluationFact(new DateOnly(2026, 5, 2), assessment)]);

        // The evaluations are read because the steps show one was held: without that step they are not read at all.
        var withoutEvaluation = active.StepDays[..active.StepDays.IndexOf(" Evaluate:", StringComparison.Ordinal)];
        (await reader.Pathways.Where(p => p.Id == active.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.StepDays, withoutEvaluation))).ShouldBe(1);
        var again = (await ActivityFacts.LoadAsync(reader, scope, new StatisticsPeriod(new(2026, 1, 1), new(2026, 12, 31)), CancellationToken.None)).Single();
        again.Pathways[1].Steps.Count.ShouldBe(DaysOf(active).Length - 1);
        again.Pathways[1].Evaluations.ShouldBeEmpty();

        // Ended (00:30 on 2 October in Oslo): dates only read the same end, and why, as the steps.
        active.End(EndReason.Moved, null, Nurse, new DateTimeOffset(2026, 10, 1, 22, 30, 0, TimeSpan.Zero)).ShouldBeEmpty();
        await db.SaveChangesAsync();
        var period = new StatisticsPeriod(new(2026, 1, 1), new(2026, 12, 31));
        var withSteps = (await ActivityFacts.LoadAsync(reader, scope, period, CancellationToken.None)).Single();
        var withDates = (await ActivityFacts.LoadAsync(reader, scope, period, CancellationToken.None, PathwayDetail.Dates)).Single();
        withSteps.Pathways[1].EndedOn.ShouldBe(new DateOnly(2026, 10, 2));
        withSteps.Pathways[1].EndReason.ShouldBe(EndReason.Moved);
        withDates.Pathways.Select(p => (p.ReferredOn, p.StartedOn, p.EndedOn, p.EndReason))
            .ShouldBe(withSteps.Pathways.Select(p => (p.ReferredOn, p.StartedOn, p.EndedOn, p.EndReason)));
    }

    [Fact]
    public async Task StepDaysLongerThanTheReadBuffer_AreReadWhole_BesideShorterOnes()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var municipality = Organisation.Municipality(Guid.NewGuid(), "Horten", "3901", null).Value;
        var service = Organisation.FollowUpService(Guid.NewGuid(), "Tjenesten", [municipality], null).Value;
        db.Organisations.AddRange(municipality, service);
        var start = new DateTimeOffset(2020, 1, 6, 9, 0, 0, TimeSpan.Zero);
        var assessment = new EvaluationAssessment(GoalAttainment.PartlyMet, SelfManagementChange.Same, FeelsSafer: false, ReportsWithoutHelp: true);
        var pathways = new List<Pathway>();
        foreach (var (evaluations, birth) in new[] { (60, "130972"), (0, "140972"), (45, "150972") })
        {
            var identity = Enumerable.Range(0, 100).Select(n => NorwegianIdentityNumber.WithControlDigits(birth + n.ToString("000", System.Globalization.CultureInfo.InvariantCulture)))
                .First(n => n is not null)!;
            var patient = Patient.Enrol(Guid.NewGuid(), identity, "Kari Nordmann", service.Id, municipality.Id, null, null, DiagnosisGroup.Copd, start).Value;
            db.Patients.Add(patient);
            var pathway = Pathway.Refer(Guid.NewGuid(), patient.Id, "Fastlege", Nurse, start).Value;
            pathway.StartAssessment(Nurse, start.AddDays(1)).ShouldBeEmpty();
            pathway.Accept(AllMet, DateOnly.FromDateTime(start.AddDays(5).UtcDateTime), start.AddDays(2), Coordinator, start.AddDays(2)).ShouldBeEmpty();
            pathway.RecordStartUp(start.AddDays(5), start.AddDays(5), [new("Nettbrett", "TAB-1")], Nurse, start.AddDays(5)).ShouldBeEmpty();
            pathway.StartTrial(14, Nurse, start.AddDays(5)).ShouldBeEmpty();
            pathway.Activate(true, DateOnly.FromDateTime(start.AddDays(30).UtcDateTime), Nurse, start.AddDays(19)).ShouldBeEmpty();
            for (var i = 0; i < evaluations; i++)
            {
                var held = start.AddDays(30 + (30 * i));
                pathway.RecordEvaluation(assessment, null, DateOnly.FromDateTime(held.UtcDateTime).AddDays(30), Nurse, held).ShouldBeEmpty();
            }

            pathways.Add(pathway);
        }

        db.Pathways.AddRange(pathways);
        await db.SaveChangesAsync();
        pathways[0].StepDays.Length.ShouldBeGreaterThan(2 * 1024, "longer than the reader's first buffer, twice over");

        await using var reader = database.NewContext();
        var installation = (await StatisticsScope.ResolveAsync(reader, null, null, null, CancellationToken.None)).Value;
        var facts = await ActivityFacts.LoadAsync(reader, installation, new StatisticsPeriod(new(2020, 1, 1), new(2026, 12, 31)), CancellationToken.None);

        facts.Select(f => f.Pathways.Single().Steps).ShouldBe(pathways.Select(DaysOf), ignoreOrder: true);
        facts.Sum(f => f.Pathways.Single().Evaluations!.Count).ShouldBe(105);
    }

    // Each step's day, and an evaluation's step with the assessment of the evaluation held at that instant.
    private static PathwayStepFact[] DaysOf(Pathway pathway) => [.. pathway.History.Select(e => new PathwayStepFact(e.Step, e.State, NorwegianTime.Today(e.At),
        e.Step == PathwayStep.Evaluate ? pathway.Evaluations.Single(v => v.HeldAt == e.At).Assessment : null))];
}

public sealed class ActivityFactsOnSqliteTests() : ActivityFactsTests(DatabaseProvider.Sqlite);

public sealed class ActivityFactsOnPostgresTests() : ActivityFactsTests(DatabaseProvider.Postgres);
