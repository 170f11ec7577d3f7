using Varde.Domain.Organisations;

namespace Varde.Server.Demo;

/// <summary>The demo's organisations: one intermunicipal follow-up service serving three Vestfold municipalities.</summary>
public static class DemoOrganisations
{
    public static IReadOnlyDictionary<string, Organisation> Build()
    {
        var community = Organisation.HealthCommunity(DemoIds.For("community"), "Helsefellesskapet Vestfold (demo)").Value;
        var horten = Organisation.Municipality(DemoIds.For("horten"), "Horten kommune", "3901", community.Id).Value;
        var holmestrand = Organisation.Municipality(DemoIds.For("holmestrand"), "Holmestrand kommune", "3903", community.Id).Value;
        var tonsberg = Organisation.Municipality(DemoIds.For("tonsberg"), "Tønsberg kommune", "3905", community.Id).Value;
        return new Dictionary<string, Organisation>
        {
            ["community"] = community,
            ["horten"] = horten,
            ["holmestrand"] = holmestrand,
            ["tonsberg"] = tonsberg,
            ["service"] = Organisation.FollowUpService(DemoIds.For("service"), "Oppfølgingstjenesten Vestfold (demo)",
                [horten, holmestrand, tonsberg], community.Id).Value,
            ["gp-horten"] = Organisation.GpOffice(DemoIds.For("gp-horten"), "Horten legesenter (demo)", community.Id).Value,
            ["gp-tonsberg"] = Organisation.GpOffice(DemoIds.For("gp-tonsberg"), "Tønsberg legesenter (demo)", community.Id).Value,
            ["hospital"] = Organisation.HospitalDepartment(DemoIds.For("hospital"), "Sykehuset i Vestfold, medisinsk avdeling (demo)", community.Id).Value,
        };
    }
}
