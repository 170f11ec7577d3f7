using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Staff;

namespace Varde.Data.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.ToTable("patients");
        builder.Property(p => p.IdentityNumber).HasMaxLength(11).IsFixedLength();
        builder.HasIndex(p => p.IdentityNumber).IsUnique();
        builder.Property(p => p.IdentityKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.HasIndex(p => p.FollowUpServiceId);
        builder.HasIndex(p => p.GpStaffId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.FollowUpServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.SharedWithDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(p => p.GpStaffId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.CareRelations);
    }
}
