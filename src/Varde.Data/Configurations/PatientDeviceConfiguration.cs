using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Patients;

namespace Varde.Data.Configurations;

internal sealed class PatientDeviceConfiguration : IEntityTypeConfiguration<PatientDevice>
{
    public void Configure(EntityTypeBuilder<PatientDevice> builder)
    {
        builder.ToTable("patient_devices");
        builder.Property(d => d.Label).HasMaxLength(PatientDevice.MaxLabelLength);
        builder.Property(d => d.CreatedBy).HasMaxLength(100);
        builder.Property(d => d.RevokedBy).HasMaxLength(100);
        builder.Property(d => d.EnrolmentCodeHash).HasMaxLength(64);
        builder.Property(d => d.SecretHash).HasMaxLength(64);
        builder.Property(d => d.PinHash).HasMaxLength(100);
        builder.HasIndex(d => d.EnrolmentCodeHash).IsUnique();
        builder.HasIndex(d => d.PatientId);
        builder.HasOne<Patient>().WithMany().HasForeignKey(d => d.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.FailedPinAttempts).IsConcurrencyToken();
    }
}
