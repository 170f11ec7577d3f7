using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Access;
using Varde.Domain.Patients;

namespace Varde.Data.Configurations;

internal sealed class BreakGlassAccessConfiguration : IEntityTypeConfiguration<BreakGlassAccess>
{
    public void Configure(EntityTypeBuilder<BreakGlassAccess> builder)
    {
        builder.ToTable("break_glass_accesses");
        builder.HasIndex(b => new { b.ActorId, b.PatientId, b.Until });
        builder.HasIndex(b => b.At);
        builder.Property(b => b.ActorId).HasMaxLength(100);
        builder.Property(b => b.ActorRole).HasConversion<string>().HasMaxLength(40);
        builder.Property(b => b.Reason).HasMaxLength(BreakGlassAccess.MaxReasonLength);
        builder.HasOne<Patient>().WithMany().HasForeignKey(b => b.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BreakGlassReviewConfiguration : IEntityTypeConfiguration<BreakGlassReview>
{
    public void Configure(EntityTypeBuilder<BreakGlassReview> builder)
    {
        builder.ToTable("break_glass_reviews");
        builder.HasIndex(r => r.BreakGlassId);
        builder.Property(r => r.ByActorId).HasMaxLength(100);
        builder.Property(r => r.Note).HasMaxLength(BreakGlassReview.MaxNoteLength);
        builder.HasOne<BreakGlassAccess>().WithMany().HasForeignKey(r => r.BreakGlassId).OnDelete(DeleteBehavior.Restrict);
    }
}
