using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Data.Conventions;
using Varde.Domain.Organisations;
using Varde.Domain.Statistics.Costs;

namespace Varde.Data.Configurations;

internal sealed class UnitCostConfiguration : IEntityTypeConfiguration<UnitCost>
{
    public void Configure(EntityTypeBuilder<UnitCost> builder)
    {
        builder.ToTable("unit_costs");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.Kroner).HasPrecision(12, 2);
        builder.Property(c => c.Source).HasMaxLength(500);
        builder.Property(c => c.SetBy).HasMaxLength(100);
        // One default per service kind, and one own price per municipality and kind.
        builder.HasIndex(c => c.Kind).IsUnique().HasFilter("municipality_id IS NULL").HasDatabaseName("ix_unit_costs_default");
        builder.HasIndex(c => new { c.MunicipalityId, c.Kind }).IsUnique().HasFilter("municipality_id IS NOT NULL").HasDatabaseName("ix_unit_costs_municipality");
        builder.HasOne<Organisation>().WithMany().HasForeignKey(c => c.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ServiceCostMonthConfiguration : IEntityTypeConfiguration<ServiceCostMonth>
{
    public void Configure(EntityTypeBuilder<ServiceCostMonth> builder)
    {
        builder.ToTable("service_cost_months");
        builder.HasKey(c => new { c.ServiceId, c.Month });
        builder.Property(c => c.StaffHours).HasPrecision(10, 2);
        builder.Property(c => c.StaffHourCost).HasPrecision(14, 2);
        builder.Property(c => c.Equipment).HasPrecision(14, 2);
        builder.Property(c => c.Licences).HasPrecision(14, 2);
        builder.Property(c => c.Other).HasPrecision(14, 2);
        builder.Property(c => c.Note).HasMaxLength(1000);
        builder.Property(c => c.SetBy).HasMaxLength(100);
        builder.Ignore(c => c.Total);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CostSharingAgreementConfiguration : IEntityTypeConfiguration<CostSharingAgreement>
{
    public void Configure(EntityTypeBuilder<CostSharingAgreement> builder)
    {
        builder.ToTable("cost_sharing_agreements");
        builder.HasKey(a => a.ServiceId);
        builder.Property(a => a.ServiceId).ValueGeneratedNever();
        builder.Property(a => a.Key).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Shares).HasField("_shares").AsJson();
        builder.Property(a => a.Note).HasMaxLength(1000);
        builder.Property(a => a.SetBy).HasMaxLength(100);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
