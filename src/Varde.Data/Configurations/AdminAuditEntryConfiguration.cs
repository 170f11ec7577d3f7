using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Administration;

namespace Varde.Data.Configurations;

/// <summary>The administrative audit log: append-only (EF guard and database triggers), searched by entity, by actor and by period.</summary>
internal sealed class AdminAuditEntryConfiguration : IEntityTypeConfiguration<AdminAuditEntry>
{
    public void Configure(EntityTypeBuilder<AdminAuditEntry> builder)
    {
        builder.ToTable("admin_audit");
        builder.Property(e => e.ActorId).HasMaxLength(100);
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.EntityKind).HasMaxLength(40);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.HasIndex(e => new { e.At, e.Id });
        builder.HasIndex(e => new { e.EntityKind, e.EntityId, e.At });
        builder.HasIndex(e => new { e.ActorId, e.At });
    }
}
