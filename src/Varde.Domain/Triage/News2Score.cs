namespace Varde.Domain.Triage;

/// <summary>The seven NEWS2 parameters (Royal College of Physicians 2017).</summary>
public sealed record News2Parameters(
    decimal RespiratoryRate,
    decimal OxygenSaturation,
    bool OnOxygen,
    decimal SystolicPressure,
    decimal Pulse,
    bool AlertConsciousness,
    decimal Temperature);

/// <summary>A NEWS2 total with each parameter's score.</summary>
public sealed record News2Result(int Total, int RespiratoryRate, int OxygenSaturation, int AirOrOxygen, int SystolicPressure, int Pulse,
    int Consciousness, int Temperature)
{
    public bool AnySingleParameterThree =>
        new[] { RespiratoryRate, OxygenSaturation, SystolicPressure, Pulse, Consciousness, Temperature }.Contains(3);
}

/// <summary>
/// NEWS2 scoring exactly as the RCP table (standards.md §5.1), including SpO2 scale 2 for patients with a documented
/// target of 88–92 %. Integer parameters are compared as the table's whole numbers; temperature to one decimal.
/// </summary>
public static class News2Score
{
    public static News2Result Compute(News2Parameters p, bool spo2Scale2)
    {
        var rr = p.RespiratoryRate switch { <= 8 => 3, <= 11 => 1, <= 20 => 0, <= 24 => 2, _ => 3 };
        var spo2 = spo2Scale2 ? Scale2(p.OxygenSaturation, p.OnOxygen) : Scale1(p.OxygenSaturation);
        var air = p.OnOxygen ? 2 : 0;
        var sbp = p.SystolicPressure switch { <= 90 => 3, <= 100 => 2, <= 110 => 1, <= 219 => 0, _ => 3 };
        var pulse = p.Pulse switch { <= 40 => 3, <= 50 => 1, <= 90 => 0, <= 110 => 1, <= 130 => 2, _ => 3 };
        var consciousness = p.AlertConsciousness ? 0 : 3;
        var temp = Math.Round(p.Temperature, 1) switch { <= 35.0m => 3, <= 36.0m => 1, <= 38.0m => 0, <= 39.0m => 1, _ => 2 };
        return new(rr + spo2 + air + sbp + pulse + consciousness + temp, rr, spo2, air, sbp, pulse, consciousness, temp);
    }

    private static int Scale1(decimal spo2) => spo2 switch { <= 91 => 3, <= 93 => 2, <= 95 => 1, _ => 0 };

    private static int Scale2(decimal spo2, bool onOxygen) => spo2 switch
    {
        <= 83 => 3,
        <= 85 => 2,
        <= 87 => 1,
        <= 92 => 0,
        _ when !onOxygen => 0,
        <= 94 => 1,
        <= 96 => 2,
        _ => 3,
    };
}
