using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Devices;
using Varde.Domain.Organisations;

namespace Varde.Data.Configurations;

internal sealed class MeasuringDeviceConfiguration : IEntityTypeConfiguration<MeasuringDevice>
{
    public void Configure(EntityTypeBuilder<MeasuringDevice> builder)
    {
        builder.ToTable("measuring_devices");
        builder.Property(d => d.Manufacturer).HasMaxLength(MeasuringDevice.MaxTextLength);
        builder.Property(d => d.Model).HasMaxLength(MeasuringDevice.MaxTextLength);
        builder.Property(d => d.SerialNumber).HasMaxLength(MeasuringDevice.MaxTextLength);
        builder.Property(d => d.IdentifierSystem).HasMaxLength(MeasuringDevice.MaxTextLength);
        builder.Property(d => d.IdentifierValue).HasMaxLength(MeasuringDevice.MaxTextLength);
        builder.Property(d => d.RegisteredBy).HasMaxLength(100);
        builder.HasIndex(d => new { d.OrganisationId, d.IdentifierSystem, d.IdentifierValue });
        builder.HasIndex(d => new { d.OrganisationId, d.Manufacturer, d.Model, d.SerialNumber });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
