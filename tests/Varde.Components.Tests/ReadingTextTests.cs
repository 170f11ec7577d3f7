using System.Globalization;
using Varde.Domain.Triage;
using Varde.Server.Components.Shared;

namespace Varde.Components.Tests;

public sealed class ReadingTextTests
{
    public ReadingTextTests() => CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nb");

    [Fact]
    public void Format_ShowsTheCrossedLimit()
    {
        ReadingText.Format([new("oxygenSaturation", 87, "%"), new("oxygenSaturation.redLow", 90, "%"), new("oxygenSaturation.yellowLow", 92, "%")], false)
            .ShouldBe("87 % (rød < 90)");
        ReadingText.Format([new("bodyWeight", 84.5m, "kg"), new("bodyWeight.yellowHigh", 83.2m, "kg"), new("bodyWeight.redHigh", 86, "kg")], true)
            .ShouldBe("84,5 kg (yellow > 83,2)");
    }

    [Fact]
    public void Format_InsideTheLimits_ShowsTheGreenRange_AndBloodPressureNamesItsParts()
    {
        TriageInput[] inputs =
        [
            new("systolicPressure", 121, "mm[Hg]"), new("diastolicPressure", 97, "mm[Hg]"), new("systolicPressure.yellowLow", 100, "mm[Hg]"),
            new("systolicPressure.yellowHigh", 155, "mm[Hg]"), new("diastolicPressure.yellowHigh", 95, "mm[Hg]"),
        ];

        ReadingText.Format(inputs, false).ShouldBe("Systolisk blodtrykk 121 mmHg (grenser 100–155) · Diastolisk blodtrykk 97 mmHg (gul > 95)");
    }

    [Fact]
    public void Format_QuestionnaireScore_AgainstItsBands()
    {
        ReadingText.Format([new("score", 24, "{score}"), new("score.yellowFrom", 21, "{score}"), new("score.redFrom", 31, "{score}")], false)
            .ShouldBe("24 poeng (gul ≥ 21)");
    }
}
