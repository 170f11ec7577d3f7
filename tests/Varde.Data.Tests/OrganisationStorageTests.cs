using Microsoft.EntityFrameworkCore;
using Varde.Domain.Organisations;
using Varde.Testing;

namespace Varde.Data.Tests;

public sealed class OrganisationStorageTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task FollowUpService_KeepsTheMunicipalitiesItServes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var a = Organisation.Municipality(Guid.NewGuid(), "Horten", "3901", null).Value;
        var b = Organisation.Municipality(Guid.NewGuid(), "Holmestrand", "3903", null).Value;
        var service = Organisation.FollowUpService(Guid.NewGuid(), "Tjenesten", [a, b], null).Value;
        await using (var db = database.NewContext())
        {
            db.Organisations.AddRange(a, b, service);
            await db.SaveChangesAsync();
        }

        await using var read = database.NewContext();
        var stored = await read.Organisations.SingleAsync(o => o.Id == service.Id);

        stored.Kind.ShouldBe(OrganisationKind.FollowUpService);
        stored.ServedMunicipalityIds.ShouldBe([a.Id, b.Id], ignoreOrder: true);
        stored.Serves(b.Id).ShouldBeTrue();
    }
}
