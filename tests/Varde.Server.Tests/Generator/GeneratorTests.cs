using Hl7.Fhir.Model;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Triage;
using Varde.Server.Generator;

namespace Varde.Server.Tests.Generator;

/// <summary>The synthetic data generator: the same seed gives the same data; episodes turn yellow and red; resends are real resends.</summary>
public sealed class GeneratorTests
{
    private static readonly GeneratorOptions Small = new(Patients: 300, Days: 60, Seed: 42, End: new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void SameSeed_GivesTheSameData_AndAnotherSeedDoesNot()
    {
        var a = SyntheticPopulation.Build(Small with { Patients = 50 });
        var b = SyntheticPopulation.Build(Small with { Patients = 50 });
        var c = SyntheticPopulation.Build(Small with { Patients = 50, Seed = 43 });

        a.Patients.Select(p => (p.Patient.Id, p.Patient.IdentityNumber, p.Patient.Name, p.Patient.Diagnoses, p.Baseline))
            .ShouldBe(b.Patients.Select(p => (p.Patient.Id, p.Patient.IdentityNumber, p.Patient.Name, p.Patient.Diagnoses, p.Baseline)));
        a.Patients.Select(p => p.Patient.IdentityNumber).ShouldBeUnique();
        a.Patients.Select(p => p.Patient.IdentityNumber).ShouldNotBe(c.Patients.Select(p => p.Patient.IdentityNumber));
        a.Patients.ShouldAllBe(p => NorwegianIdentityNumber.Parse(p.Patient.IdentityNumber).IsValid);

        var seriesA = a.Patients.SelectMany(p => SyntheticSeries.For(p, Small).Readings).ToList();
        var seriesB = b.Patients.SelectMany(p => SyntheticSeries.For(p, Small).Readings).ToList();
        seriesA.ShouldBe(seriesB);
        seriesA.Count.ShouldBeGreaterThan(50 * 60);
    }

    [Fact]
    public void Episodes_TurnYellowOrRed_RedOnesMostlyRed_AndQuietDaysStayMostlyGreen()
    {
        var population = SyntheticPopulation.Build(Small);
        int episodes = 0, seen = 0, red = 0, redSeen = 0, quiet = 0, quietFlagged = 0;
        foreach (var p in population.Patients)
        {
            var (_, list) = SyntheticSeries.For(p, Small);
            var (result, _) = SyntheticWriter.Triage(p, Small);
            var judged = result.Measurements.Where(m => m.Triage.Outcome != TriageOutcome.SuspectedMeasurementError).ToList();
            foreach (var e in list.Where(e => e.From >= Small.Start && e.To <= Small.End))
            {
                var during = judged.Where(m => m.EffectiveAt >= e.From && m.EffectiveAt < e.To).ToList();
                if (during.Count == 0)
                    continue;
                episodes++;
                if (during.Any(m => m.Triage.Outcome is TriageOutcome.Yellow or TriageOutcome.Red))
                    seen++;
                if (e.Red)
                {
                    red++;
                    if (during.Any(m => m.Triage.Outcome == TriageOutcome.Red))
                        redSeen++;
                }
            }

            foreach (var m in judged.Where(m => !list.Any(e => m.EffectiveAt >= e.From && m.EffectiveAt < e.To)))
            {
                quiet++;
                if (m.Triage.Outcome is TriageOutcome.Yellow or TriageOutcome.Red)
                    quietFlagged++;
            }
        }

        episodes.ShouldBeGreaterThan(300);
        ((double)seen / episodes).ShouldBeGreaterThan(0.9, $"{seen} of {episodes} episodes turned yellow or red");
        ((double)redSeen / red).ShouldBeGreaterThan(0.8, $"{redSeen} of {red} red episodes reached red");
        ((double)red / episodes).ShouldBeInRange(0.4, 0.6);
        ((double)quietFlagged / quiet).ShouldBeLessThan(0.01, $"{quietFlagged} of {quiet} readings outside episodes were flagged");
    }

    [Fact]
    public void Resends_AreTheSameReadingAgain_Later_AndLateDeliveriesArriveOutOfOrder()
    {
        var population = SyntheticPopulation.Build(Small with { Patients = 200 });
        var readings = population.Patients.SelectMany(p => SyntheticSeries.For(p, Small).Readings).ToList();
        var firsts = readings.Where(r => !r.Duplicate).ToDictionary(r => r.Input.ClientId!);

        var resends = readings.Where(r => r.Duplicate).ToList();
        resends.Count.ShouldBeInRange((int)(readings.Count * 0.003), (int)(readings.Count * 0.008));
        foreach (var resend in resends)
        {
            var first = firsts[resend.Input.ClientId!];
            resend.Input.ShouldBe(first.Input);
            resend.ReceivedAt.ShouldBeGreaterThan(first.ReceivedAt);
        }

        var late = readings.Count(r => r.ReceivedAt - r.Input.EffectiveAt!.Value > TimeSpan.FromHours(2));
        ((double)late / readings.Count).ShouldBeInRange(0.01, 0.03);
        var byArrival = readings.OrderBy(r => r.ReceivedAt).Select(r => r.Input.EffectiveAt!.Value).ToList();
        byArrival.Zip(byArrival.Skip(1)).Count(x => x.Second < x.First).ShouldBeGreaterThan(0, "some readings arrive after later ones");
    }

    [Fact]
    public void Pathways_FollowTheDocumentedMix_AndExtractsCoverTheYearBeforeAndAfterTheStart()
    {
        var options = new GeneratorOptions(Patients: 3_000, Days: 2, Seed: 11, End: new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        var patients = SyntheticPopulation.Build(options).Patients;
        double Share(Func<SyntheticPatient, bool> which) => (double)patients.Count(which) / patients.Count;

        Share(p => p.Pathway is null).ShouldBeInRange(0.003, 0.02);
        Share(p => p.Pathway?.State == Varde.Domain.Pathways.PathwayState.Declined).ShouldBeInRange(0.01, 0.03);
        Share(p => p.Pathway?.State == Varde.Domain.Pathways.PathwayState.Active).ShouldBeInRange(0.72, 0.84);
        Share(p => p.Pathway?.State == Varde.Domain.Pathways.PathwayState.Ended).ShouldBeInRange(0.07, 0.13);
        patients.Where(p => p.Pathway is not null).ShouldAllBe(p => p.Pathway!.PatientId == p.Patient.Id);
        var withExtract = patients.Where(p => p.Use is { Count: > 0 }).ToList();
        (withExtract.Count / (double)patients.Count).ShouldBeInRange(0.03, 0.10);
        withExtract.ShouldAllBe(p => p.Use!.Count == 72 && p.Use!.Select(u => u.Month).Distinct().Count() == 24);
    }

    [Fact]
    public void ActivePathways_AreEvaluatedEvery90Days_WithAStructuredAssessment_AndNoneAfterTheEnd()
    {
        var end = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        var options = new GeneratorOptions(Patients: 3_000, Days: 2, Seed: 11, End: end);
        var pathways = SyntheticPopulation.Build(options).Patients.Select(p => p.Pathway).OfType<Varde.Domain.Pathways.Pathway>().ToList();

        foreach (var pathway in pathways)
        {
            var held = pathway.Evaluations.Where(e => e.HeldAt is not null).ToList();
            var activated = pathway.History.FirstOrDefault(e => e.Step == Varde.Domain.Pathways.PathwayStep.Activate)?.At;
            if (activated is not { } from)
            {
                held.ShouldBeEmpty();
                continue;
            }

            var until = pathway.EndedAt ?? end;
            held.Count.ShouldBe((int)Math.Ceiling((until - from).TotalDays / 90) - 1);
            held.ShouldAllBe(e => e.Assessment != null && e.Assessment.IsComplete && e.HeldAt < until);
            pathway.StepDays.Split(' ').Count(s => s.StartsWith("Evaluate:", StringComparison.Ordinal)).ShouldBe(held.Count);
        }

        var assessments = pathways.SelectMany(p => p.Evaluations).Where(e => e.Assessment is not null).Select(e => e.Assessment!).ToList();
        assessments.Count.ShouldBeGreaterThan(5_000);
        ((double)assessments.Count(a => a.Goals == Varde.Domain.Pathways.GoalAttainment.Met) / assessments.Count).ShouldBeInRange(0.5, 0.6);
        ((double)assessments.Count(a => a.FeelsSafer) / assessments.Count).ShouldBeInRange(0.75, 0.85);
    }

    [Fact]
    public void ContinuousGlucose_Reports288ReadingsADay()
    {
        var options = Small with { Patients = 200, Days = 3, ContinuousGlucoseShare = 1 };
        var sensor = SyntheticPopulation.Build(options).Patients.First(p => p.ContinuousGlucose);

        var glucose = SyntheticSeries.For(sensor, options).Readings.Where(r => !r.Duplicate && r.Input.Type == MeasurementType.BloodGlucose).ToList();

        glucose.Count.ShouldBeInRange(2 * 288, 3 * 288);
    }

    [Fact]
    public void FhirBundles_HoldAtMost100Observations_InArrivalOrder_WithResendsUnderTheSameIdentifier()
    {
        var options = Small with { Patients = 40, Days = 20 };
        var population = SyntheticPopulation.Build(options);

        var bundles = FhirBundleWriter.Bundles(population, options).ToList();

        bundles.ShouldAllBe(b => b.Type == Bundle.BundleType.Transaction && b.Entry.Count <= FhirBundleWriter.ObservationsPerBundle && b.Entry.Count > 0);
        var observations = bundles.SelectMany(b => b.Entry.Select(e => (Observation)e.Resource!)).ToList();
        observations.Count.ShouldBe(population.Patients.Sum(p => SyntheticSeries.For(p, options).Readings.Count));
        var identifiers = observations.Select(o => o.Identifier.Single().Value).ToList();
        identifiers.Count.ShouldBeGreaterThan(identifiers.Distinct().Count(), "resends carry the identifier of the first send");
        bundles.Select(b => b.Entry[0].FullUrl!).ShouldBe(FhirBundleWriter.Bundles(population, options).Select(b => b.Entry[0].FullUrl!));
    }
}

/// <summary>Triage reads only a report's own subject when no rule crosses subjects (no NEWS2): the results must not change.</summary>
public sealed class SubjectScopedTriageTests
{
    [Fact]
    public void WithoutNews2_JudgingEachSubjectOnItsOwn_GivesTheSameResultsAsJudgingAllTogether()
    {
        var options = new GeneratorOptions(Patients: 120, Days: 30, Seed: 9, End: new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), ContinuousGlucoseShare: 0.2);
        var compared = 0;
        // Every rule that reads history, except NEWS2: trends on weight and glucose, and runs of yellow.
        var rules = Varde.Domain.Plans.PlanRules.None with
        {
            Changes = [new(MeasuredQuantity.BodyWeight, 3, YellowRise: 1.5m, RedRise: 2.5m), new(MeasuredQuantity.BloodGlucose, 1, YellowRise: 4m)],
            ConsecutiveYellow = new(3, 7),
        };
        foreach (var patient in SyntheticPopulation.Build(options).Patients)
        {
            var p = patient with { Plan = Varde.Domain.Plans.PlanVersion.First(patient.Plan.Id, patient.Patient.Id, [.. patient.Plan.Thresholds], "n",
                patient.Plan.CreatedAt, rules: rules).Value.AsInForceFrom(patient.Plan.CreatedAt) };
            Varde.Domain.Plans.PlanInForce.CrossesSubjects([p.Plan]).ShouldBeFalse();
            var reports = SyntheticSeries.For(p, options).Readings.Where(r => !r.Duplicate)
                .Select((r, k) => TriageReport.Of(Measurement.Record(Guid.NewGuid(), p.Patient.Id, r.Input, "test", r.ReceivedAt).Value)).ToList();
            reports.Sort(TriageReport.CompareByEffectiveTime);
            var together = TriageSequence.Evaluate(reports, [.. reports.Select(_ => (TriageResult?)null)], 0, [p.Plan], Varde.Domain.Questionnaires.QuestionnaireCatalogue.Empty);
            var all = reports.Zip(together).ToDictionary(x => x.First.Id, x => x.Second);
            foreach (var subject in reports.GroupBy(r => r.Subject))
            {
                var own = subject.ToList();
                var alone = TriageSequence.Evaluate(own, [.. own.Select(_ => (TriageResult?)null)], 0, [p.Plan], Varde.Domain.Questionnaires.QuestionnaireCatalogue.Empty);
                foreach (var (report, result) in own.Zip(alone))
                {
                    (result.Outcome, result.RuleId, result.ExplanationEn).ShouldBe((all[report.Id].Outcome, all[report.Id].RuleId, all[report.Id].ExplanationEn));
                    compared++;
                }
            }
        }

        compared.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public void News2_CrossesSubjects() =>
        Varde.Domain.Plans.PlanInForce.CrossesSubjects([Varde.Domain.Plans.PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [], "n", DateTimeOffset.UnixEpoch,
            rules: Varde.Domain.Plans.PlanRules.None with { News2 = new Varde.Domain.Plans.News2Settings() }).Value]).ShouldBeTrue();
}
