using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Statistics;

namespace Varde.Data.Configurations;

internal sealed class PopulationCountConfiguration : IEntityTypeConfiguration<PopulationCount>
{
    public void Configure(EntityTypeBuilder<PopulationCount> builder)
    {
        builder.ToTable("population_counts");
        builder.HasKey(c => new { c.Year, c.MunicipalityNumber, c.Sex, c.AgeGroup });
        builder.Property(c => c.MunicipalityNumber).HasMaxLength(4).IsFixedLength();
        builder.Property(c => c.Sex).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.AgeGroup).HasMaxLength(10);
    }
}

internal sealed class PopulationImportConfiguration : IEntityTypeConfiguration<PopulationImport>
{
    public void Configure(EntityTypeBuilder<PopulationImport> builder)
    {
        builder.ToTable("population_imports");
        builder.HasKey(i => i.Year);
        builder.Property(i => i.Year).ValueGeneratedNever();
        builder.Property(i => i.Source).HasMaxLength(500);
        builder.Property(i => i.ImportedBy).HasMaxLength(100);
    }
}

internal sealed class ServiceUseMonthConfiguration : IEntityTypeConfiguration<ServiceUseMonth>
{
    public void Configure(EntityTypeBuilder<ServiceUseMonth> builder)
    {
        builder.ToTable("service_use_months");
        builder.HasKey(u => new { u.PatientId, u.Month, u.Kind });
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(u => u.Amount).HasPrecision(12, 2);
        builder.Property(u => u.Source).HasMaxLength(500);
        builder.HasOne<Varde.Domain.Patients.Patient>().WithMany().HasForeignKey(u => u.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReportHourConfiguration : IEntityTypeConfiguration<ReportHour>
{
    public void Configure(EntityTypeBuilder<ReportHour> builder)
    {
        builder.ToTable("report_hours");
        builder.HasKey(h => new { h.Hour, h.FollowUpServiceId, h.MunicipalityId });
    }
}

internal sealed class SummaryWatermarkConfiguration : IEntityTypeConfiguration<SummaryWatermark>
{
    public void Configure(EntityTypeBuilder<SummaryWatermark> builder)
    {
        builder.ToTable("summary_watermarks");
        builder.HasKey(w => w.Name);
        builder.Property(w => w.Name).HasMaxLength(50);
        // The reports-by-hour summary's row, not started (ADR 0054): a transfer always has a row to lock.
        builder.HasData(new SummaryWatermark { Name = "report_hours", Through = null, Version = 0 });
    }
}
