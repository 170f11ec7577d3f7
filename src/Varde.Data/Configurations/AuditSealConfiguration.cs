using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Access;

namespace Varde.Data.Configurations;

/// <summary>The audit logs' hash chains: one row per sealed entry, keyed by log and place; append-only (EF guard and triggers).</summary>
internal sealed class AuditSealConfiguration : IEntityTypeConfiguration<AuditSeal>
{
    public void Configure(EntityTypeBuilder<AuditSeal> builder)
    {
        builder.ToTable("audit_seals");
        builder.HasKey(s => new { s.Log, s.Seq });
        builder.Property(s => s.Log).HasMaxLength(20);
        builder.Property(s => s.Seq).ValueGeneratedNever();
        builder.Property(s => s.Hash).HasMaxLength(64).IsFixedLength(false);
        builder.HasIndex(s => new { s.Log, s.EntryId }).IsUnique();
    }
}
