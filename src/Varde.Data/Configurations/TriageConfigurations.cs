using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Data.Conventions;
using Varde.Domain.Alerts;
using Varde.Domain.Patients;
using Varde.Domain.Questionnaires;
using Varde.Domain.Services;
using Varde.Domain.Triage;

namespace Varde.Data.Configurations;

internal sealed class TriageRecordConfiguration : IEntityTypeConfiguration<TriageRecord>
{
    public void Configure(EntityTypeBuilder<TriageRecord> builder)
    {
        builder.ToTable("triage_records");
        builder.HasKey(r => r.ReportId);
        builder.HasIndex(r => new { r.PatientId, r.EffectiveAt });
        builder.HasIndex(r => new { r.PatientId, r.ReviewedAt, r.AlertId });
        // A service's reports to review, oldest first: only the few not yet reviewed nor in an alert, whatever the history's
        // length, and only the service's own, however many services share the installation (ADR 0056).
        builder.HasIndex(r => new { r.ServiceId, r.ReceivedAt }).HasDatabaseName("ix_triage_records_to_review").HasFilter("reviewed_at IS NULL AND alert_id IS NULL");
        builder.Property(r => r.ClientId).HasMaxLength(100);
        builder.Property(r => r.Subject).HasMaxLength(80);
        builder.Property(r => r.ReviewedBy).HasMaxLength(100);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(40);
        builder.Property(r => r.BaseOutcome).HasConversion<string>().HasMaxLength(40);
        builder.Property(r => r.RuleId).HasMaxLength(40);
        builder.Property(r => r.Inputs).AsJson();
        builder.Property(r => r.ExplanationNb).HasMaxLength(2000);
        builder.Property(r => r.ExplanationEn).HasMaxLength(2000);
        builder.Ignore(r => r.Result);
        builder.Ignore(r => r.IsSummary);
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QuestionnaireResponseConfiguration : IEntityTypeConfiguration<QuestionnaireResponse>
{
    public void Configure(EntityTypeBuilder<QuestionnaireResponse> builder)
    {
        builder.ToTable("questionnaire_responses");
        builder.HasIndex(r => new { r.PatientId, r.ClientId }).IsUnique();
        builder.HasIndex(r => r.ClientId);
        builder.HasIndex(r => new { r.PatientId, r.QuestionnaireId, r.EffectiveAt });
        builder.Property(r => r.ClientId).HasMaxLength(100);
        builder.Property(r => r.QuestionnaireId).HasMaxLength(60);
        builder.Property(r => r.QuestionnaireVersion).HasMaxLength(QuestionnaireDefinition.MaxVersionLength);
        builder.Property(r => r.RecordedBy).HasMaxLength(100);
        builder.Property(r => r.Score).HasPrecision(10, 2);
        builder.Property(r => r.Answers).AsJson();
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("alerts");
        builder.HasIndex(a => new { a.ServiceId, a.State });
        builder.HasIndex(a => new { a.PatientId, a.Category, a.Subject, a.State });
        // The journal note writer finds the alerts handled lately by their handling time.
        builder.HasIndex(a => a.HandledAt);
        builder.Property(a => a.Category).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.Subject).HasMaxLength(80);
        builder.Property(a => a.Zone).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.ReasonNb).HasMaxLength(2000);
        builder.Property(a => a.ReasonEn).HasMaxLength(2000);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(100);
        builder.Property(a => a.HandledBy).HasMaxLength(100);
        builder.Property(a => a.EscalatedTo).HasMaxLength(100);
        builder.Property(a => a.Note).HasMaxLength(4000);
        builder.Property(a => a.ResolvedReason).HasMaxLength(500);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.IsActive);
        builder.Property(a => a.ReasonClientId).HasMaxLength(100);
        builder.Ignore(a => a.HasAllMembers);
        // Its reports are read with it, unless a query says otherwise: intake adds a report without reading the others (ADR 0021).
        builder.HasMany(a => a.Members).WithOne().HasForeignKey(m => m.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Members).HasField("_members").AutoInclude();
        builder.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AlertMemberConfiguration : IEntityTypeConfiguration<AlertMember>
{
    public void Configure(EntityTypeBuilder<AlertMember> builder)
    {
        builder.ToTable("alert_reports");
        builder.HasKey(m => new { m.AlertId, m.ReportId });
        builder.HasIndex(m => m.ReportId);
        builder.Property(m => m.ClientId).HasMaxLength(100);
        builder.Property(m => m.Zone).HasConversion<string>().HasMaxLength(40);
        builder.Property(m => m.ReasonNb).HasMaxLength(2000);
        builder.Property(m => m.ReasonEn).HasMaxLength(2000);
        builder.Ignore(m => m.Weight);
    }
}

internal sealed class MissedReportConfiguration : IEntityTypeConfiguration<MissedReport>
{
    public void Configure(EntityTypeBuilder<MissedReport> builder)
    {
        builder.ToTable("missed_reports");
        builder.HasIndex(m => new { m.PatientId, m.ItemKey, m.Day }).IsUnique();
        builder.Property(m => m.ItemKey).HasMaxLength(80);
        builder.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ServiceSettingsConfiguration : IEntityTypeConfiguration<ServiceSettings>
{
    public void Configure(EntityTypeBuilder<ServiceSettings> builder)
    {
        builder.ToTable("service_settings");
        builder.HasKey(s => s.ServiceId);
        builder.Property(s => s.OpeningHours).AsJsonObject();
        builder.Property(s => s.ClosedDays).HasField("_closedDays").AsJson();
        builder.Ignore(s => s.EscalateAfter);
        builder.Ignore(s => s.DefaultGrace);
    }
}

internal sealed class PublicHolidayConfiguration : IEntityTypeConfiguration<PublicHoliday>
{
    public void Configure(EntityTypeBuilder<PublicHoliday> builder)
    {
        builder.ToTable("public_holidays");
        builder.HasKey(h => h.Date);
        builder.Property(h => h.Name).HasMaxLength(100);
    }
}

internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> builder)
    {
        builder.ToTable("outbox_events");
        builder.HasIndex(e => e.OccurredAt);
        builder.Property(e => e.Type).HasMaxLength(60);
        builder.Property(e => e.Payload).HasMaxLength(4000);
    }
}

internal sealed class PatientTriageStateConfiguration : IEntityTypeConfiguration<PatientTriageState>
{
    public void Configure(EntityTypeBuilder<PatientTriageState> builder)
    {
        builder.ToTable("patient_triage_states");
        builder.HasKey(s => s.PatientId);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<Patient>().WithMany().HasForeignKey(s => s.PatientId).OnDelete(DeleteBehavior.Cascade);
    }
}
