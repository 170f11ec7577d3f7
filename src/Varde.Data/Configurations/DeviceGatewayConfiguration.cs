using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Data.Conventions;
using Varde.Domain.Devices;
using Varde.Domain.Organisations;

namespace Varde.Data.Configurations;

/// <summary>Device gateways: one row each, found by client id at every token request; the secrets (hashes) as JSON in the row.</summary>
internal sealed class DeviceGatewayConfiguration : IEntityTypeConfiguration<DeviceGateway>
{
    public void Configure(EntityTypeBuilder<DeviceGateway> builder)
    {
        builder.ToTable("device_gateways");
        builder.Property(g => g.ClientId).HasMaxLength(DeviceGateway.MaxClientIdLength);
        builder.HasIndex(g => g.ClientId).IsUnique();
        builder.Property(g => g.Name).HasMaxLength(DeviceGateway.MaxNameLength);
        builder.HasIndex(g => g.ServiceId);
        builder.Property(g => g.CreatedBy).HasMaxLength(100);
        builder.Property(g => g.RevokedBy).HasMaxLength(100);
        builder.Property(g => g.Secrets).HasField("_secrets").AsJson();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(g => g.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The hourly tallies of what each gateway sent, by client id and hour.</summary>
internal sealed class GatewayActivityHourConfiguration : IEntityTypeConfiguration<GatewayActivityHour>
{
    public void Configure(EntityTypeBuilder<GatewayActivityHour> builder)
    {
        builder.ToTable("gateway_activity");
        builder.HasKey(a => new { a.ClientId, a.Hour });
        builder.Property(a => a.ClientId).HasMaxLength(DeviceGateway.MaxClientIdLength);
        builder.Property(a => a.LastError).HasMaxLength(200);
        builder.HasIndex(a => a.Hour);
    }
}
