namespace Varde.Domain.Plans;

/// <summary>A text for people about a plan, in bokmål and English; free text the staff wrote is the same in both.</summary>
public sealed record PlanText(string Nb, string En)
{
    /// <summary>Text the staff wrote themselves (an instruction, a goal): shown as written in either language.</summary>
    public static PlanText Written(string text) => new(text, text);

    public string In(bool english) => english ? En : Nb;
}
