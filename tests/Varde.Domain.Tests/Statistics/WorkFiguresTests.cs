using Varde.Domain.Alerts;
using Varde.Domain.Patients;
using Varde.Domain.Statistics;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Statistics;

public sealed class WorkFiguresTests
{
    private static readonly StatisticsPeriod December = new(new(2025, 12, 1), new(2025, 12, 31));

    // 09:00 in Oslo (UTC+1 in December) on 2 December 2025, plus minutes.
    private static DateTimeOffset Tuesday(int minutes = 0) => new DateTimeOffset(2025, 12, 2, 8, 0, 0, TimeSpan.Zero).AddMinutes(minutes);

    private static PatientFacts Followed() => new(Guid.NewGuid(), LegalSex.Male, new(1950, 1, 1), Guid.NewGuid(), DiagnosisGroup.Copd, new(2025, 11, 1), []);

    [Fact]
    public void APeriod_IsSplitIntoMondayToSundayWeeks_OrMonths_CutToIt()
    {
        WorkFigures.Split(new(new(2025, 12, 3), new(2026, 1, 2)), WorkFigures.Week).Select(b => (b.From, b.To)).ShouldBe(
        [
            (new DateOnly(2025, 12, 3), new DateOnly(2025, 12, 7)), (new(2025, 12, 8), new(2025, 12, 14)), (new(2025, 12, 15), new(2025, 12, 21)),
            (new(2025, 12, 22), new(2025, 12, 28)), (new(2025, 12, 29), new(2026, 1, 2)),
        ]);
        WorkFigures.Split(new(new(2025, 11, 15), new(2026, 1, 2)), WorkFigures.Month).Select(b => (b.From, b.To)).ShouldBe(
            [(new DateOnly(2025, 11, 15), new DateOnly(2025, 11, 30)), (new(2025, 12, 1), new(2025, 12, 31)), (new(2026, 1, 1), new(2026, 1, 2))]);
    }

    [Fact]
    public void AWeek_HasItsReportsAndAlertsPerPatientTime_TheShareSeenWithinTheGoal_AndTheMinutesToAcknowledge()
    {
        var patients = Enumerable.Range(0, 6).Select(_ => Followed()).ToList();
        var reports = Enumerable.Range(0, 21).Select(i => new ReportTally(Tuesday(i), 1)).ToList();
        AlertFact[] alerts =
        [
            new(Tuesday(), TriageOutcome.Red, AlertCategory.Clinical, Tuesday(10), Handled: true, WithAction: true, GoalMinutes: 30),
            new(Tuesday(), TriageOutcome.Red, AlertCategory.Clinical, Tuesday(40), Handled: true, WithAction: false, GoalMinutes: 30),
            new(Tuesday(), TriageOutcome.Yellow, AlertCategory.Clinical, Tuesday(20), Handled: false, WithAction: false, GoalMinutes: 30),
            new(Tuesday(), TriageOutcome.Yellow, AlertCategory.CheckMeasurement, null, Handled: false, WithAction: false, GoalMinutes: 30),
        ];

        var figures = WorkFigures.Of(patients, reports, alerts, [], December, WorkFigures.Week, Tuesday(45));

        figures.Buckets.Count.ShouldBe(5);
        var first = figures.Buckets[0];
        first.PatientsFollowed.ShouldBe(new Shown(6, false));
        first.PatientDays.Value.ShouldBe(42);
        first.ReportsPerPatientWeek.Value.ShouldBe(3.5);                 // 21 reports in 6 patient-weeks
        first.RedPer100PatientDays.Value.ShouldBe(4.8);                   // 2 in 42 days
        first.YellowPer100PatientDays.Value.ShouldBe(2.4);
        first.CheckMeasurementPer100PatientDays.Value.ShouldBe(2.4);
        first.MissingReportPer100PatientDays.Value.ShouldBe(0);
        first.PercentSeenWithinGoal.Value.ShouldBe(50);                   // 10 and 20 minutes of 4 (the unseen one is past its 30)
        first.PercentHandledWithAction.Value.ShouldBe(50);
        first.MedianMinutesToAcknowledge.Value.ShouldBe(20);
        first.P90MinutesToAcknowledge.Value.ShouldBe(40);
        figures.Buckets[4].PatientDays.Value.ShouldBe(18);                // 29–31 December
        figures.Buckets[4].PercentSeenWithinGoal.ShouldBe(new ShownNumber(null, false)); // no alerts: nothing to show
        WorkFigures.Of(patients, reports, alerts, [], December, WorkFigures.Week, Tuesday(25)).Buckets[0].PercentSeenWithinGoal.Value
            .ShouldBe(66.7); // at 09:25 the unseen one still has time: 2 of 3
        figures.AcknowledgeByHour[9].ShouldBe(new HourFigure(9, null, new(null, true), new(null, true))); // 3 alerts: hidden
    }

    [Fact]
    public void AWeekWithFewerThanFivePatients_ShowsNoNumber()
    {
        var figures = WorkFigures.Of([Followed(), Followed()], [new(Tuesday(), 1)], [], [], December, WorkFigures.Month, Tuesday());

        figures.Buckets.Single().PatientsFollowed.Suppressed.ShouldBeTrue();
        figures.Buckets.Single().ReportsPerPatientWeek.Suppressed.ShouldBeTrue();
    }

    [Fact]
    public void AnHoursCount_FallsOnTheNorwegianDayItsHourLiesIn_InWinterAndSummer()
    {
        var patients = Enumerable.Range(0, 6).Select(_ => Followed()).ToList();
        // Sunday 7 December 2025, 22:00 UTC is 23:00 in Oslo (week 1); 23:00 UTC is Monday 00:00 (week 2).
        ReportTally[] december = [new(new(2025, 12, 7, 22, 0, 0, TimeSpan.Zero), 7), new(new(2025, 12, 7, 23, 0, 0, TimeSpan.Zero), 5), new(Tuesday(), 1)];
        var weeks = WorkFigures.Of(patients, december, [], [], December, WorkFigures.Week, Tuesday()).Buckets;
        weeks[0].Reports.Value.ShouldBe(8);
        weeks[1].Reports.Value.ShouldBe(5);

        // Summer time: 30 June 2026, 21:00 UTC is 23:00 in Oslo; 22:00 UTC is 1 July 00:00.
        ReportTally[] summer = [new(new(2026, 6, 30, 21, 0, 0, TimeSpan.Zero), 3), new(new(2026, 6, 30, 22, 0, 0, TimeSpan.Zero), 4)];
        var months = WorkFigures.Of(patients, summer, [], [], new(new(2026, 6, 1), new(2026, 7, 31)), WorkFigures.Month, Tuesday()).Buckets;
        months.Select(m => m.Reports.Value).ShouldBe([3.0, 4.0]);
    }

    [Fact]
    public void AnHour_StartsOnTheHourInUtc()
    {
        ReportHour.HourOf(new DateTimeOffset(2025, 12, 7, 23, 59, 59, TimeSpan.FromHours(1))).ShouldBe(new DateTimeOffset(2025, 12, 7, 22, 0, 0, TimeSpan.Zero));
        ReportHour.HourOf(new DateTimeOffset(2025, 12, 7, 22, 0, 0, TimeSpan.Zero)).ShouldBe(new DateTimeOffset(2025, 12, 7, 22, 0, 0, TimeSpan.Zero));
        Should.Throw<ArgumentException>(() => new ReportHour(new DateTimeOffset(2025, 12, 7, 22, 30, 0, TimeSpan.Zero), Guid.NewGuid(), Guid.NewGuid(), 1));
        Should.Throw<ArgumentException>(() => new ReportHour(new DateTimeOffset(2025, 12, 7, 22, 0, 0, TimeSpan.FromHours(1)), Guid.NewGuid(), Guid.NewGuid(), 1));
    }

    [Fact]
    public void MessagesAndVideoCalls_CountInTheNorwegianDayTheyHappened_AlsoPer100PatientDays_HiddenUnderFivePatients()
    {
        var patients = Enumerable.Range(0, 6).Select(_ => Followed()).ToList();
        var sundayLate = new DateTimeOffset(2025, 12, 7, 23, 30, 0, TimeSpan.Zero); // 00:30 on Monday 8 December in Oslo
        ContactFact[] contacts =
        [
            new(Tuesday(), ContactKind.MessageFromPatient), new(Tuesday(5), ContactKind.MessageFromPatient), new(Tuesday(9), ContactKind.MessageFromService),
            new(Tuesday(60), ContactKind.VideoCall), new(sundayLate, ContactKind.MessageFromPatient),
        ];

        var weeks = WorkFigures.Of(patients, [], [], contacts, December, WorkFigures.Week, Tuesday()).Buckets;

        (weeks[0].MessagesFromPatients.Value, weeks[0].MessagesFromService.Value, weeks[0].VideoCalls.Value).ShouldBe((2, 1, 1));
        weeks[0].MessagesFromPatientsPer100PatientDays.Value.ShouldBe(4.8); // 2 in 42 patient-days
        weeks[0].VideoCallsPer100PatientDays.Value.ShouldBe(2.4);
        (weeks[1].MessagesFromPatients.Value, weeks[1].MessagesFromService.Value, weeks[1].VideoCalls.Value).ShouldBe((1, 0, 0));
        var few = WorkFigures.Of([Followed(), Followed()], [], [], contacts, December, WorkFigures.Week, Tuesday()).Buckets[0];
        few.MessagesFromPatients.ShouldBe(new ShownNumber(null, true));
        few.VideoCalls.ShouldBe(new ShownNumber(null, true));
    }

    [Fact]
    public void ForOneService_ThePatientsFollowedPerNurseOnDuty_AreTheMeanFollowed_OverTheMeanOnDutyWhileAnyoneWas()
    {
        var patients = Enumerable.Range(0, 6).Select(_ => Followed()).ToList();
        var service = Guid.NewGuid();
        Guid kari = Guid.NewGuid(), ola = Guid.NewGuid(), siri = Guid.NewGuid();
        DutySpan[] duty =
        [
            new(service, kari, Tuesday(), Tuesday(8 * 60)),                      // 09:00–17:00
            new(service, ola, Tuesday(4 * 60), Tuesday(8 * 60)),                 // 13:00–17:00 beside her
            new(service, siri, Tuesday(24 * 60), Tuesday(32 * 60)),              // Wednesday 09:00–17:00 alone
            new(service, kari, Tuesday(-34 * 60), Tuesday(-32 * 60)),            // 30 November 23:00 to 1 December 01:00: one hour in December
            new(service, ola, Tuesday(7 * 24 * 60), Tuesday(7 * 24 * 60 + 60)),  // the next week: Ola alone
        ];

        var figures = WorkFigures.Of(patients, [], [], [], December, WorkFigures.Week, Tuesday(45), duty);

        figures.Buckets[0].NurseHoursOnDuty.Value.ShouldBe(21);             // 8 + 4 + 8 + 1
        figures.Buckets[0].PatientsPerNurseOnDuty.Value.ShouldBe(4.9);      // 6 followed ÷ (21 nurse-hours ÷ 17 staffed hours)
        figures.Buckets[1].NurseHoursOnDuty.ShouldBe(new ShownNumber(null, true));          // one person's hours are not shown
        figures.Buckets[1].PatientsPerNurseOnDuty.ShouldBe(new ShownNumber(null, true));
        figures.Buckets[2].NurseHoursOnDuty.Value.ShouldBe(0);
        figures.Buckets[2].PatientsPerNurseOnDuty.ShouldBe(new ShownNumber(null, false));
        WorkFigures.Of(patients, [], [], [], December, WorkFigures.Week, Tuesday(45)).Buckets[0].PatientsPerNurseOnDuty.Value.ShouldBeNull();
        WorkFigures.Of(patients.Take(3).ToList(), [], [], [], December, WorkFigures.Week, Tuesday(45), duty).Buckets[0].PatientsPerNurseOnDuty
            .ShouldBe(new ShownNumber(null, true));
    }
}
