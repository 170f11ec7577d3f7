using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Organisations;
using Varde.Domain.Staff;

namespace Varde.Data.Configurations;

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.ToTable("staff_members");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Role).HasConversion<string>().HasMaxLength(40);
        builder.Property(s => s.HprNumber).HasMaxLength(9);
        builder.Property(s => s.WorkPhone).HasMaxLength(Varde.Domain.Patients.PhoneNumber.MaxLength);
        // One person, one HPR number: two staff members with the same number are refused by the database too.
        builder.HasIndex(s => s.HprNumber).IsUnique();
        builder.Ignore(s => s.IsActive);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
