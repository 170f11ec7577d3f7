using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Exports;

namespace Varde.Data.Configurations;

internal sealed class BulkExportConfiguration : IEntityTypeConfiguration<BulkExport>
{
    public void Configure(EntityTypeBuilder<BulkExport> builder)
    {
        builder.ToTable("bulk_exports");
        builder.HasIndex(e => new { e.State, e.RequestedAt });
        builder.Property(e => e.RequestedBy).HasMaxLength(100);
        builder.Property(e => e.RequesterRole).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Level).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.State).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        builder.Property(e => e.Types).HasMaxLength(300);
        builder.Property(e => e.Request).HasMaxLength(BulkExport.MaxRequestLength);
        builder.Property(e => e.Error).HasMaxLength(500);
        builder.Ignore(e => e.Requester);
        builder.Ignore(e => e.TypeList);
        builder.HasMany(e => e.Files).WithOne().HasForeignKey(f => f.ExportId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Files).HasField("_files");
    }
}

internal sealed class BulkExportFileConfiguration : IEntityTypeConfiguration<BulkExportFile>
{
    public void Configure(EntityTypeBuilder<BulkExportFile> builder)
    {
        builder.ToTable("bulk_export_files");
        builder.HasKey(f => new { f.ExportId, f.Number });
        builder.Property(f => f.ResourceType).HasMaxLength(40);
    }
}

/// <summary>National export batches (ADR 0046): the newest gives the watermark; the waiting ones are found by their next try.</summary>
internal sealed class NationalExportBatchConfiguration : IEntityTypeConfiguration<Varde.Domain.Exports.NationalExportBatch>
{
    public void Configure(EntityTypeBuilder<Varde.Domain.Exports.NationalExportBatch> builder)
    {
        builder.ToTable("national_export_batches");
        builder.Property(b => b.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.LastStatus).HasMaxLength(Varde.Domain.Exports.NationalExportBatch.MaxStatusLength);
        builder.HasIndex(b => b.CreatedAt);
        // The watermark: the newest is read by it, and two servers cannot make the same batch.
        builder.HasIndex(b => new { b.LastReceivedAt, b.LastMeasurementId }).IsUnique();
        builder.HasIndex(b => b.NextTryAt);
    }
}
