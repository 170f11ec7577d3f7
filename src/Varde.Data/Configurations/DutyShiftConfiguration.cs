using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Organisations;
using Varde.Domain.Services;
using Varde.Domain.Staff;

namespace Varde.Data.Configurations;

internal sealed class DutyShiftConfiguration : IEntityTypeConfiguration<DutyShift>
{
    public void Configure(EntityTypeBuilder<DutyShift> builder)
    {
        builder.ToTable("duty_shifts");
        builder.Ignore(s => s.LatestEnd);
        // One open shift per person: two sign-ons at once store one, and the other finds it.
        builder.HasIndex(s => s.StaffMemberId).IsUnique().HasFilter("ended_at IS NULL").HasDatabaseName("ix_duty_shifts_open_per_staff_member");
        builder.HasIndex(s => new { s.ServiceId, s.StartedAt });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(s => s.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
