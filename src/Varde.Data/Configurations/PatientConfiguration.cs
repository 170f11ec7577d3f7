using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Staff;

namespace Varde.Data.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.ToTable("patients");
        builder.Property(p => p.IdentityNumber).HasMaxLength(11).IsFixedLength();
        builder.HasIndex(p => p.IdentityNumber).IsUnique();
        builder.Property(p => p.IdentityKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.LegalSex).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.HasIndex(p => p.FollowUpServiceId);
        builder.HasIndex(p => p.GpStaffId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.FollowUpServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        // The departments as one column (a uuid[] in PostgreSQL, JSON in SQLite): read with the patient for every access decision.
        builder.PrimitiveCollection(p => p.SharedWithDepartmentIds).HasField("_sharedWithDepartmentIds");
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(p => p.GpStaffId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.CareRelations);
        builder.Ignore(p => p.Contact);
        builder.Property(p => p.Phone).HasMaxLength(PhoneNumber.MaxLength);
        builder.Property(p => p.OtherPhone).HasMaxLength(PhoneNumber.MaxLength);
        builder.Property(p => p.NextOfKinName).HasMaxLength(NextOfKin.MaxNameLength);
        builder.Property(p => p.NextOfKinRelation).HasMaxLength(NextOfKin.MaxRelationLength);
        builder.Property(p => p.NextOfKinPhone).HasMaxLength(PhoneNumber.MaxLength);
    }
}

internal sealed class PatientCareChangeConfiguration : IEntityTypeConfiguration<PatientCareChange>
{
    public void Configure(EntityTypeBuilder<PatientCareChange> builder)
    {
        builder.ToTable("patient_care_changes");
        builder.HasIndex(c => new { c.PatientId, c.At });
        builder.Property(c => c.ByActorId).HasMaxLength(100);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.From).HasColumnName("from_id");
        builder.Property(c => c.To).HasColumnName("to_id");
        builder.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}
