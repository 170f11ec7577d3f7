namespace Varde.Domain.Administration;

/// <summary>The kinds of record the administrative audit log speaks of.</summary>
public static class AdminEntityKinds
{
    public const string Organisation = "organisation";
    public const string StaffMember = "staff";
    public const string Questionnaire = "questionnaire";
    public const string PlanTemplate = "plan-template";

    public static readonly IReadOnlyList<string> All = [Organisation, StaffMember, Questionnaire, PlanTemplate];
}
