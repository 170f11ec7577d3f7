using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Patients;
using Varde.Domain.Video;

namespace Varde.Data.Configurations;

internal sealed class VideoCallConfiguration : IEntityTypeConfiguration<VideoCall>
{
    public void Configure(EntityTypeBuilder<VideoCall> builder)
    {
        builder.ToTable("video_calls");
        builder.HasIndex(c => new { c.PatientId, c.OpenedAt });
        builder.Property(c => c.StartedBy).HasMaxLength(100);
        builder.Ignore(c => c.IsOpen);
        builder.Ignore(c => c.Duration);
        builder.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Seats).WithOne().HasForeignKey(s => s.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Seats).HasField("_seats").AutoInclude();
    }
}

internal sealed class VideoSeatConfiguration : IEntityTypeConfiguration<VideoSeat>
{
    public void Configure(EntityTypeBuilder<VideoSeat> builder)
    {
        builder.ToTable("video_seats");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.Ignore(s => s.IsPresent);
        builder.Ignore(s => s.IsWaiting);
        builder.Ignore(s => s.IsIn);
        builder.Ignore(s => s.TookPart);
    }
}
