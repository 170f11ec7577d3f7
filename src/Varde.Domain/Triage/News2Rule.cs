using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;

namespace Varde.Domain.Triage;

/// <summary>
/// NEWS2 when the plan enables it: the newest trusted value of each parameter within the plan's window up to this
/// report (respiratory rate, SpO2, systolic pressure, pulse, temperature; new confusion and oxygen use from the daily
/// questions). Computed only when every parameter is present; the total maps to a zone by the plan's bands.
/// </summary>
internal static class News2Rule
{
    public static Finding? Check(TriageReport report, IReadOnlyList<TriagedReport> history, PlanVersion plan)
    {
        if (plan.Rules.News2 is not { } settings || !Contributes(report))
            return null;

        var window = history
            .Where(h => h.Report.EffectiveAt >= report.EffectiveAt - settings.Window && h.Result.Outcome != TriageOutcome.SuspectedMeasurementError)
            .Select(h => h.Report)
            .Append(report)
            .ToList();
        decimal? Newest(MeasurementType type, int index = 0) => window.LastOrDefault(r => r.Measurement == type)?.Values[index];
        string? NewestAnswer(string linkId) => window.LastOrDefault(r => r.AnswerCode(linkId) is not null)?.AnswerCode(linkId);

        var rr = Newest(MeasurementType.RespiratoryRate);
        var spo2 = Newest(MeasurementType.OxygenSaturation);
        var sbp = Newest(MeasurementType.BloodPressure);
        var pulse = Newest(MeasurementType.Pulse);
        var temp = Newest(MeasurementType.BodyTemperature);
        var confusion = NewestAnswer(QuestionnaireCatalogue.Daily.NewConfusion);
        var oxygen = NewestAnswer(QuestionnaireCatalogue.Daily.OnOxygen);
        if (rr is null || spo2 is null || sbp is null || pulse is null || temp is null || confusion is null || oxygen is null)
            return null;

        var p = new News2Parameters(rr.Value, spo2.Value, oxygen == "yes", sbp.Value, pulse.Value, confusion == "no", temp.Value);
        var score = News2Score.Compute(p, settings.UseSpo2Scale2);
        var zone = score.Total >= settings.RedFrom ? TriageOutcome.Red
            : score.Total >= settings.YellowFrom || (settings.SingleParameterThreeIsYellow && score.AnySingleParameterThree) ? TriageOutcome.Yellow
            : TriageOutcome.Green;
        var parts = $"RF {score.RespiratoryRate}, SpO2 {score.OxygenSaturation}, O2 {score.AirOrOxygen}, BT {score.SystolicPressure}, puls {score.Pulse}, bevissthet {score.Consciousness}, temp {score.Temperature}";
        var partsEn = $"RR {score.RespiratoryRate}, SpO2 {score.OxygenSaturation}, O2 {score.AirOrOxygen}, SBP {score.SystolicPressure}, pulse {score.Pulse}, consciousness {score.Consciousness}, temp {score.Temperature}";
        var scale = settings.UseSpo2Scale2 ? " (SpO2-skala 2)" : "";
        var scaleEn = settings.UseSpo2Scale2 ? " (SpO2 scale 2)" : "";
        var (nbZone, enZone) = zone switch
        {
            TriageOutcome.Red => ($"rød fra {settings.RedFrom}", $"red from {settings.RedFrom}"),
            TriageOutcome.Yellow when score.Total < settings.YellowFrom => ("gul: 3 poeng i én parameter", "yellow: 3 points in one parameter"),
            TriageOutcome.Yellow => ($"gul fra {settings.YellowFrom}", $"yellow from {settings.YellowFrom}"),
            _ => ($"grønn under {settings.YellowFrom}", $"green below {settings.YellowFrom}"),
        };
        return new Finding(zone, TriageRuleIds.News2, TriageRuleIds.News2Version,
            [new("news2.total", score.Total, "{score}"), new("respiratoryRate", rr.Value, "/min"), new("oxygenSaturation", spo2.Value, "%"),
                new("onOxygen", p.OnOxygen ? 1 : 0, "1"), new("systolicPressure", sbp.Value, "mm[Hg]"), new("pulse", pulse.Value, "/min"),
                new("newConfusion", p.AlertConsciousness ? 0 : 1, "1"), new("bodyTemperature", temp.Value, "Cel")],
            $"NEWS2 {score.Total}{scale} ({parts}) – {nbZone} (plan v{plan.Number}).",
            $"NEWS2 {score.Total}{scaleEn} ({partsEn}) – {enZone} (plan v{plan.Number}).");
    }

    private static bool Contributes(TriageReport r) =>
        r.Measurement is MeasurementType.RespiratoryRate or MeasurementType.OxygenSaturation or MeasurementType.BloodPressure
            or MeasurementType.Pulse or MeasurementType.BodyTemperature
        || r.AnswerCode(QuestionnaireCatalogue.Daily.NewConfusion) is not null
        || r.AnswerCode(QuestionnaireCatalogue.Daily.OnOxygen) is not null;
}
