using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Data.Conventions;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;

namespace Varde.Data.Configurations;

internal sealed class MeasurementConfiguration : IEntityTypeConfiguration<Measurement>
{
    public void Configure(EntityTypeBuilder<Measurement> builder)
    {
        builder.ToTable("measurements");
        builder.HasIndex(m => new { m.PatientId, m.Type, m.EffectiveAt });
        builder.HasIndex(m => new { m.PatientId, m.ClientId }).IsUnique();
        // Conditional creates (If-None-Exist: identifier=…) look a client id up across patients.
        builder.HasIndex(m => m.ClientId);
        // No foreign key: SQLite would rebuild the table to add one and lose its append-only triggers; RecordMeasurement checks the device.
        builder.HasIndex(m => m.DeviceId);
        // The national export walks readings in the order they were received, after its watermark (ADR 0046).
        builder.HasIndex(m => new { m.ReceivedAt, m.Id });
        builder.Property(m => m.ClientId).HasMaxLength(Measurement.ClientIdMaxLength);
        builder.Property(m => m.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(m => m.Value).HasPrecision(12, 4);
        builder.Property(m => m.SecondValue).HasPrecision(12, 4);
        builder.Property(m => m.OriginalValue).HasPrecision(14, 4);
        builder.Property(m => m.OriginalSecondValue).HasPrecision(14, 4);
        builder.Property(m => m.Unit).HasMaxLength(20);
        builder.Property(m => m.OriginalUnit).HasMaxLength(20);
        builder.Property(m => m.RecordedBy).HasMaxLength(100);
        builder.Property(m => m.Note).HasMaxLength(Measurement.NoteMaxLength);
        builder.Property(m => m.TriageOutcome).HasConversion<string>().HasMaxLength(40);
        builder.Property(m => m.TriageRuleId).HasMaxLength(40);
        builder.Property(m => m.TriageInputs).AsJson();
        builder.Property(m => m.TriageExplanationNb).HasMaxLength(1000);
        builder.Property(m => m.TriageExplanationEn).HasMaxLength(1000);
        builder.Ignore(m => m.Triage);
        builder.Ignore(m => m.CanonicalValues);
        builder.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}
