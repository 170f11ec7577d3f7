using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Triage;
using static Varde.Server.Tests.Scenarios.Kind;
using static Varde.Server.Tests.Scenarios.Rows;
using static Varde.Server.Tests.Scenarios.Z;

namespace Varde.Server.Tests.Scenarios;

public abstract partial class ClinicalScenarioTests
{
    private const string GlucoseAlert = "measurement:BloodGlucose";

    /// <summary>
    /// Diabetes plan v1: blood glucose red below 3.0 / above 20.0, yellow below 4.0 / above 15.0 mmol/L; 3 yellows in a
    /// row within 7 days → red. Glucose has no sudden-jump limit (it varies too much). Measured before breakfast (07:30)
    /// and before supper (19:00).
    /// </summary>
    private static readonly Row[] Diabetes =
    [
        M(0, "07:30", Glucose, 5.8m, G), M(0, "19:00", Glucose, 8.4m, G),
        M(1, "07:30", Glucose, 6.1m, G), M(1, "19:00", Glucose, 9.2m, G),
        M(2, "07:30", Glucose, 5.5m, G), M(2, "19:00", Glucose, 7.9m, G),
        M(3, "07:30", Glucose, 6.4m, G), M(3, "19:00", Glucose, 10.1m, G),
        M(4, "07:30", Glucose, 5.9m, G), M(4, "19:00", Glucose, 8.8m, G),

        // A night-time hypo.
        M(5, "03:10", Glucose, 2.8m, R) with { Label = "hypo" }, // threshold: below red 3.0
        M(5, "03:25", Glucose, 4.6m, G),  // after sugar: green; the red alert stays for the nurse
        M(5, "07:30", Glucose, 3.9m, Y),  // threshold: below yellow 4.0; joins the open red alert
        M(5, "19:00", Glucose, 7.5m, G),
        Handle(5, "19:30", GlucoseAlert),

        // Running high.
        M(6, "07:30", Glucose, 6.0m, G),
        M(6, "19:00", Glucose, 16.4m, Y), // threshold: above yellow 15.0; a new alert
        M(7, "07:30", Glucose, 12.0m, G),
        M(7, "19:00", Glucose, 17.2m, Y), // threshold; the reading before was green, so no run yet
        M(8, "07:30", Glucose, 15.8m, Y), // threshold; second yellow in a row
        M(8, "19:00", Glucose, 15.1m, R), // yellow in a row: 17.2, 15.8, 15.1 all above 15.0 within 7 days → red
        M(9, "07:30", Glucose, 15.0m, G), // 15.0 is the yellow bound itself, which belongs to the calmer zone
        Handle(9, "12:00", GlucoseAlert),
        M(9, "19:00", Glucose, 9.0m, G),

        // A hypo at 22:00 on day 9 whose sending failed; the meter's app delivers it 30 h later, after day 10's.
        M(10, "07:30", Glucose, 6.2m, G) with { Label = "morning" },
        M(10, "19:00", Glucose, 7.4m, G),
        M(9, "22:00", Glucose, 2.9m, R) with { SentAfter = TimeSpan.FromHours(30) }, // threshold red, late: it weighs as
                                                                                      // yellow in its (new) alert
        M(11, "07:30", Glucose, 5.9m, G),

        // The meter's app resends two readings (same client ids): 200, stored once, no new alert.
        Resend(11, "08:00", Glucose, 2.8m, "hypo", R),
        Resend(11, "08:05", Glucose, 6.2m, "morning", G),
    ];

    [Fact]
    public async Task Scenario_Diabetes_TwelveDays()
    {
        var patient = await PatientAsync(DiagnosisGroup.Diabetes,
            [new QuantityThreshold(MeasuredQuantity.BloodGlucose, RedLow: 3.0m, YellowLow: 4.0m, YellowHigh: 15.0m, RedHigh: 20.0m)],
            PlanRules.None with { ConsecutiveYellow = new ConsecutiveYellowRule(3, 7) });

        // The hypo alert (day 5) and the high run (days 6–8) were handled; the late hypo opened a new alert, yellow
        // because a late red never makes an alert red as if it were happening now (docs/triage.md, "Late reports").
        await RunAsync("diabetes", patient, Diabetes, [new ExpectedAlert(GlucoseAlert, AlertCategory.Clinical, TriageOutcome.Yellow)]);
    }
}
