using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Data.Conventions;
using Varde.Domain.Pathways;
using Varde.Domain.Patients;

namespace Varde.Data.Configurations;

internal sealed class PathwayConfiguration : IEntityTypeConfiguration<Pathway>
{
    public void Configure(EntityTypeBuilder<Pathway> builder)
    {
        builder.ToTable("pathways");
        // With what the statistics read of every pathway (PostgreSQL: an index-only scan of a tenth of the table's pages;
        // the row's JSON columns are most of its 1.5 KB; docs/benchmarks.md, B6). SQLite keeps the plain index.
        builder.HasIndex(p => p.PatientId).IncludeProperties(p => new { p.Id, p.ReferredAt, p.TrialStartedAt, p.EndedAt, p.EndReason, p.StepDays });
        builder.HasIndex(p => p.State);
        // Only the pathways stored before their steps as days were kept (empty once the start-up has written them).
        builder.HasIndex(p => p.Id, "ix_pathways_without_step_days").HasFilter("step_days = ''");
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.ReferralSource).HasMaxLength(200);
        builder.Property(p => p.Checklist).AsJsonObject();
        builder.Property(p => p.DeclineReason).HasMaxLength(2000);
        builder.Property(p => p.Equipment).HasField("_equipment").AsJson();
        builder.Property(p => p.Evaluations).HasField("_evaluations").AsJson();
        builder.Property(p => p.History).HasField("_history").AsJson();
        builder.Property(p => p.EndReason).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.EndNote).HasMaxLength(2000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne<Patient>().WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PathwayRowConfiguration : IEntityTypeConfiguration<PathwayRow>
{
    public void Configure(EntityTypeBuilder<PathwayRow> builder)
    {
        builder.HasNoKey().ToView("pathways");
        builder.Property(p => p.EndReason).HasConversion<string>();
    }
}
