using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Patients;
using Varde.Domain.Relatives;

namespace Varde.Data.Configurations;

internal sealed class RelativeConfiguration : IEntityTypeConfiguration<Relative>
{
    public void Configure(EntityTypeBuilder<Relative> builder)
    {
        builder.ToTable("relatives");
        builder.Ignore(r => r.Label);
        builder.Property(r => r.Name).HasMaxLength(Relative.MaxNameLength);
        builder.Property(r => r.Relation).HasMaxLength(Relative.MaxRelationLength);
        builder.Property(r => r.Phone).HasMaxLength(Relative.MaxContactLength);
        builder.Property(r => r.Email).HasMaxLength(Relative.MaxContactLength);
        builder.Property(r => r.IdentityNumber).HasMaxLength(11);
        builder.Property(r => r.InvitedBy).HasMaxLength(100);
        builder.Property(r => r.SignInCodeHash).HasMaxLength(64);
        builder.HasIndex(r => r.SignInCodeHash).IsUnique();
        builder.HasIndex(r => r.PatientId);
        builder.HasIndex(r => r.IdentityNumber);
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RelativeConsentConfiguration : IEntityTypeConfiguration<RelativeConsent>
{
    public void Configure(EntityTypeBuilder<RelativeConsent> builder)
    {
        builder.ToTable("relative_consents");
        builder.Ignore(c => c.IsWithdrawal);
        builder.HasIndex(c => new { c.RelativeId, c.Sequence }).IsUnique();
        builder.HasIndex(c => c.PatientId);
        builder.Property(c => c.ByActorId).HasMaxLength(100);
        builder.Property(c => c.ByRole).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.Basis).HasMaxLength(RelativeConsent.MaxBasisLength);
        builder.HasOne<Relative>().WithMany().HasForeignKey(c => c.RelativeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}
