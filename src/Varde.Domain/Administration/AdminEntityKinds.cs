namespace Varde.Domain.Administration;

/// <summary>The kinds of record the administrative audit log speaks of.</summary>
public static class AdminEntityKinds
{
    public const string Organisation = "organisation";
    public const string StaffMember = "staff";
    public const string ServiceSettings = "service-settings";
    public const string Gateway = "gateway";
    public const string Equipment = "equipment";
    public const string Questionnaire = "questionnaire";
    public const string PlanTemplate = "plan-template";
    public const string BackendSystem = "backend-system";

    /// <summary>A year of population figures (the entity id is the year, as 00000000-0000-0000-0000-00000000YYYY).</summary>
    public const string Population = "population";

    /// <summary>A registry extract of service use (the entity id is the import's own).</summary>
    public const string ServiceUse = "service-use";

    /// <summary>A set of unit costs (the entity id is the municipality's, or empty for the installation's defaults).</summary>
    public const string UnitCosts = "unit-costs";

    /// <summary>A follow-up service's costs of a month (the entity id is the service's).</summary>
    public const string ServiceCosts = "service-costs";

    /// <summary>A follow-up service's cost sharing key (the entity id is the service's).</summary>
    public const string CostSharing = "cost-sharing";

    /// <summary>A follow-up service's user survey (the entity id is the service's).</summary>
    public const string Survey = "survey";

    public static readonly IReadOnlyList<string> All =
        [Organisation, StaffMember, ServiceSettings, Gateway, Equipment, Questionnaire, PlanTemplate, BackendSystem, Population, ServiceUse, UnitCosts, ServiceCosts,
            CostSharing, Survey];
}
