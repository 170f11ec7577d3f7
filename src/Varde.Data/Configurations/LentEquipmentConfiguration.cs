using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Data.Conventions;
using Varde.Domain.Devices;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;

namespace Varde.Data.Configurations;

/// <summary>The lent-equipment register: a serial number once per service; who has what by holder; the loans as JSON in the row.</summary>
internal sealed class LentEquipmentConfiguration : IEntityTypeConfiguration<LentEquipment>
{
    public void Configure(EntityTypeBuilder<LentEquipment> builder)
    {
        builder.ToTable("lent_equipment");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.SerialNumber).HasMaxLength(LentEquipment.MaxSerialLength);
        builder.HasIndex(e => new { e.ServiceId, e.SerialNumber }).IsUnique();
        builder.Property(e => e.Model).HasMaxLength(LentEquipment.MaxModelLength);
        builder.Property(e => e.AddedBy).HasMaxLength(100);
        builder.HasIndex(e => e.HolderPatientId);
        builder.Property(e => e.Loans).HasField("_loans").AsJson();
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Ignore(e => e.Status);
        builder.Ignore(e => e.CurrentLoan);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(e => e.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(e => e.HolderPatientId).OnDelete(DeleteBehavior.Restrict);
    }
}
