using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Access;

namespace Varde.Data.Configurations;

internal sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> builder)
    {
        builder.ToTable("access_log");
        builder.HasIndex(e => new { e.PatientId, e.At });
        // The sealing job walks the log in (time, id) order from where it stopped.
        builder.HasIndex(e => new { e.At, e.Id });
        builder.Property(e => e.ActorId).HasMaxLength(100);
        builder.Property(e => e.ActorRole).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.TraceId).HasMaxLength(64);
        builder.Property(e => e.Request).HasMaxLength(AccessLogEntry.RequestMaxLength);
    }
}
