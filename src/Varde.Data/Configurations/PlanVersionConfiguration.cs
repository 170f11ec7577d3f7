using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Data.Conventions;
using Varde.Domain.Patients;
using Varde.Domain.Plans;

namespace Varde.Data.Configurations;

internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> builder)
    {
        builder.ToTable("plan_versions");
        builder.HasIndex(v => new { v.PatientId, v.Number }).IsUnique();
        builder.Property(v => v.CreatedBy).HasMaxLength(100);
        builder.Property(v => v.ChangeNote).HasMaxLength(2000);
        builder.Property(v => v.Thresholds).HasField("_thresholds").AsJson();
        builder.Property(v => v.Rules).AsJsonObject();
        builder.HasOne<Patient>().WithMany().HasForeignKey(v => v.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}
