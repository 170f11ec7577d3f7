using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;
using static Varde.Server.Tests.Scenarios.Kind;
using static Varde.Server.Tests.Scenarios.Rows;
using static Varde.Server.Tests.Scenarios.Z;

namespace Varde.Server.Tests.Scenarios;

public abstract partial class ClinicalScenarioTests
{
    private const string Spo2Alert = "measurement:OxygenSaturation";
    private const string PulseAlert = "measurement:Pulse";
    private const string DailyAlert = "questionnaire:daily-symptoms";

    /// <summary>
    /// COPD plan v1: SpO2 red below 88, yellow below 92; pulse red below 40 / above 120, yellow below 50 / above 100;
    /// daily questions: "more breathless than usual: yes" → yellow; 3 yellows in a row within 7 days → red.
    /// SpO2 at 08:00, pulse at 08:02, daily questions at 08:05 (sent a minute after measuring).
    /// </summary>
    private static readonly Row[] Copd =
    [
        // Two calm weeks (days 0–13); days 2 and 9 the oximeter's gateway sends FHIR Observations.
        M(0, "08:00", Spo2, 96, G), M(0, "08:02", Pulse, 72, G), Q(0, "08:05", false, G),
        M(1, "08:00", Spo2, 97, G), M(1, "08:02", Pulse, 75, G), Q(1, "08:05", false, G),
        M(2, "08:00", Spo2, 95, G) with { Fhir = true }, M(2, "08:02", Pulse, 70, G), Q(2, "08:05", false, G),
        M(3, "08:00", Spo2, 96, G), M(3, "08:02", Pulse, 78, G), Q(3, "08:05", false, G),
        M(4, "08:00", Spo2, 97, G), M(4, "08:02", Pulse, 74, G), Q(4, "08:05", false, G),
        M(5, "08:00", Spo2, 96, G), M(5, "08:02", Pulse, 71, G), Q(5, "08:05", false, G),
        M(6, "08:00", Spo2, 95, G), M(6, "08:02", Pulse, 76, G), Q(6, "08:05", false, G),
        M(7, "08:00", Spo2, 97, G), M(7, "08:02", Pulse, 73, G), Q(7, "08:05", false, G),
        M(8, "08:00", Spo2, 96, G), M(8, "08:02", Pulse, 77, G), Q(8, "08:05", false, G),
        M(9, "08:00", Spo2, 96, G) with { Fhir = true }, M(9, "08:02", Pulse, 72, G), Q(9, "08:05", false, G),
        M(10, "08:00", Spo2, 95, G), M(10, "08:02", Pulse, 74, G), Q(10, "08:05", false, G),
        M(11, "08:00", Spo2, 97, G), M(11, "08:02", Pulse, 70, G), Q(11, "08:05", false, G),
        M(12, "08:00", Spo2, 96, G), M(12, "08:02", Pulse, 75, G), Q(12, "08:05", false, G),
        M(13, "08:00", Spo2, 97, G), M(13, "08:02", Pulse, 73, G), Q(13, "08:05", false, G),

        // A slow deterioration (an exacerbation building up).
        M(14, "08:00", Spo2, 94, G), M(14, "08:02", Pulse, 84, G), Q(14, "08:05", false, G),
        M(15, "08:00", Spo2, 93, G), M(15, "08:02", Pulse, 88, G), Q(15, "08:05", false, G),
        M(16, "08:00", Spo2, 92, G),  // threshold: 92 is the yellow bound itself, and a bound belongs to the calmer zone
        M(16, "08:02", Pulse, 92, G),
        Q(16, "08:05", true, Y),      // answer rule: "more breathless: yes" → yellow
        M(17, "08:00", Spo2, 91, Y),  // threshold: below yellow 92 (the run rule needs 3; this is the first yellow SpO2)
        M(17, "08:02", Pulse, 98, G),
        Q(17, "08:05", true, Y),      // answer rule; second yellow answer in a row, the run needs 3
        M(18, "08:00", Spo2, 90, Y),  // threshold; second yellow SpO2 in a row
        M(18, "08:02", Pulse, 102, Y), // threshold: above yellow 100
        Q(18, "08:05", true, R),      // yellow in a row: days 16, 17, 18 all yellow by their answers, within 7 days → red
        M(19, "08:00", Spo2, 89, R),  // yellow in a row: 91, 90, 89 all yellow by thresholds (89 is not below 88) → red
        M(19, "08:02", Pulse, 104, Y), // only two yellow pulses in a row (98 on day 17 was green): stays yellow
        Q(19, "08:05", true, R),      // yellow in a row: days 17 and 18 were yellow by their answers (18 became red by the run)
        Handle(19, "10:00", Spo2Alert), Handle(19, "10:01", PulseAlert), Handle(19, "10:02", DailyAlert),

        // Treated at home, recovering.
        M(20, "08:00", Spo2, 93, G), M(20, "08:02", Pulse, 90, G), Q(20, "08:05", false, G),
        M(21, "08:00", Spo2, 95, G), M(21, "08:02", Pulse, 80, G), Q(21, "08:05", false, G),
        M(22, "08:00", Spo2, 97, G), M(22, "08:02", Pulse, 76, G), Q(22, "08:05", false, G),
        M(23, "08:00", Spo2, 97, G), M(23, "08:02", Pulse, 74, G), Q(23, "08:05", false, G),
        M(24, "08:00", Spo2, 97, G), M(24, "08:02", Pulse, 72, G), Q(24, "08:05", false, G),

        // A real sudden drop: 97 → 85 is a jump of 12 (> 10) from the recent level 97, but threshold red (below 88)
        // wins: a red is never "check measurement" (ADR 0016 / TriageEngine); the jump is only a note.
        M(25, "08:00", Spo2, 85, R) with { Label = "drop" },
        M(25, "08:10", Spo2, 96, G),  // a normal re-measure: green, and the red alert stays open for the nurse
        M(25, "08:12", Pulse, 78, G), Q(25, "08:15", false, G),

        // Device errors: outside the plausible range 50–100 % → check measurement, settled by the re-measure.
        M(26, "08:00", Spo2, 40, C),  // plausibility
        M(26, "08:03", Spo2, 95, G),  // the re-measure resolves the check-measurement alert
        M(27, "08:00", Spo2, 101, C), // plausibility
        M(27, "08:02", Spo2, 96, G),

        // The oximeter's clock reset after a battery change: the FHIR Observation says 1970-01-01. Stored, judged as
        // received (day 28 08:01), marked "Usikkert tidspunkt", and red by threshold (86 < 88; 10 below the level 96 is
        // not more than 10, so no jump).
        M(28, "08:00", Spo2, 86, R) with { Fhir = true, ClockReset = true },

        // The gateway resends the sudden drop (same client id): 200, the stored reading, no second copy or alert.
        Resend(28, "09:00", Spo2, 85, "drop", R),
    ];

    [Fact]
    public async Task Scenario_Copd_FourWeeks()
    {
        var patient = await PatientAsync(DiagnosisGroup.Copd,
            [
                new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: 88m, YellowLow: 92m),
                new QuantityThreshold(MeasuredQuantity.Pulse, RedLow: 40m, YellowLow: 50m, YellowHigh: 100m, RedHigh: 120m),
            ],
            PlanRules.None with
            {
                ConsecutiveYellow = new ConsecutiveYellowRule(3, 7),
                Answers = [new AnswerRule(QuestionnaireCatalogue.DailySymptomsId, QuestionnaireCatalogue.Daily.MoreBreathless, "yes", TriageOutcome.Yellow)],
            });

        // The SpO2, pulse and daily-question alerts of days 16–19 were handled by the nurse; the sudden drop of day 25
        // opened a new red SpO2 alert, which the clock-reset red joined; both check-measurement alerts were resolved.
        await RunAsync("copd", patient, Copd, [new ExpectedAlert(Spo2Alert, AlertCategory.Clinical, TriageOutcome.Red)]);
    }
}
