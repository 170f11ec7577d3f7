using Varde.Domain.Devices;
using Varde.Domain.Pathways;

namespace Varde.Server.Demo;

/// <summary>
/// The demo service's equipment register: what each started-up patient got at the start-up (lent since then), a few
/// items in store for the next start-up, one whose battery change is overdue and one retired. No audit entries: the
/// demo's register was not made by anyone.
/// </summary>
public static class DemoEquipment
{
    private static readonly Dictionary<string, (EquipmentKind Kind, string Model)> Kinds = new(StringComparer.Ordinal)
    {
        ["Nettbrett"] = (EquipmentKind.Tablet, "Samsung Galaxy Tab A9"),
        ["Blodtrykksmåler"] = (EquipmentKind.BloodPressureMeter, "Omron M7 Intelli IT"),
        ["Pulsoksymeter"] = (EquipmentKind.PulseOximeter, "Nonin 3230"),
    };

    public static List<LentEquipment> Build(IEnumerable<Pathway> pathways, Guid serviceId, DateTimeOffset now)
    {
        var nurse = DemoIds.For("sykepleier1").ToString();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var items = new List<LentEquipment>();
        foreach (var pathway in pathways.Where(p => p.HomeVisitAt is not null))
        {
            foreach (var e in pathway.Equipment)
            {
                var (kind, model) = Kinds[e.Kind];
                var n = int.Parse(e.SerialNumber.AsSpan(e.SerialNumber.IndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture);
                DateOnly? due = kind == EquipmentKind.Tablet ? null : today.AddDays(n % 17 == 0 ? -3 : 20 + (n * 37 % 300));
                var item = Add(kind, e.SerialNumber, model, due, pathway.HomeVisitAt!.Value.AddDays(-7), serviceId);
                Check(item.HandOut(pathway.PatientId, nurse, pathway.HomeVisitAt.Value));
                items.Add(item);
            }
        }

        items.Add(Add(EquipmentKind.Tablet, "TAB-1900", Kinds["Nettbrett"].Model, null, now.AddDays(-60), serviceId));
        items.Add(Add(EquipmentKind.Tablet, "TAB-1901", Kinds["Nettbrett"].Model, null, now.AddDays(-60), serviceId));
        items.Add(Add(EquipmentKind.BloodPressureMeter, "BP-2900", Kinds["Blodtrykksmåler"].Model, today.AddDays(-2), now.AddDays(-60), serviceId));
        items.Add(Add(EquipmentKind.PulseOximeter, "OX-3900", Kinds["Pulsoksymeter"].Model, today.AddDays(90), now.AddDays(-60), serviceId));
        items.Add(Add(EquipmentKind.Scale, "SC-4001", "Seca 803", today.AddDays(180), now.AddDays(-60), serviceId));
        items.Add(Add(EquipmentKind.GlucoseMeter, "GL-5001", "Accu-Chek Guide", today.AddDays(45), now.AddDays(-60), serviceId));
        var retired = Add(EquipmentKind.BloodPressureMeter, "BP-2999", Kinds["Blodtrykksmåler"].Model, null, now.AddDays(-400), serviceId);
        Check(retired.Retire(now.AddDays(-30)));
        items.Add(retired);
        return items;
    }

    private static LentEquipment Add(EquipmentKind kind, string serial, string model, DateOnly? due, DateTimeOffset at, Guid serviceId) =>
        LentEquipment.Add(DemoIds.For($"equipment-{serial}"), serviceId, kind, serial, model, due, "demo", at).Value;

    private static void Check(IReadOnlyList<Domain.ValidationError> errors)
    {
        if (errors.Count > 0)
            throw new InvalidOperationException("Demo equipment: " + errors[0].Message);
    }
}
