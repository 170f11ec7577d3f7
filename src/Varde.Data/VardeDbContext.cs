using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Varde.Data.Conventions;
using Varde.Data.Identity;
using Varde.Domain.Access;
using Varde.Domain.Measurements;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Staff;

namespace Varde.Data;

/// <summary>Varde's one database: organisations, staff and their logins, patients, plans, measurements, access log.</summary>
public sealed class VardeDbContext(DbContextOptions<VardeDbContext> options) : IdentityUserContext<StaffAccount, Guid>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();

    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<PlanVersion> PlanVersions => Set<PlanVersion>();

    public DbSet<Measurement> Measurements => Set<Measurement>();

    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
            SqliteTypes.Configure(configurationBuilder);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(VardeDbContext).Assembly);
        SnakeCaseNames.Apply(builder);
    }
}
