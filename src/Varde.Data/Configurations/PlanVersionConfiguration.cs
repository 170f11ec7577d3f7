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
        // The GP's approval is its own append-only row, so approving never updates the version itself.
        builder.OwnsOne(v => v.Approval, a =>
        {
            a.ToTable("plan_approvals");
            a.WithOwner().HasForeignKey("PlanVersionId");
            a.HasKey("PlanVersionId");
            a.Property(x => x.ApprovedBy).HasMaxLength(100);
        });
        builder.HasOne<Patient>().WithMany().HasForeignKey(v => v.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}
