using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Data.Conventions;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Surveys;

namespace Varde.Data.Configurations;

internal sealed class SurveyProgrammeConfiguration : IEntityTypeConfiguration<SurveyProgramme>
{
    public void Configure(EntityTypeBuilder<SurveyProgramme> builder)
    {
        builder.ToTable("survey_programmes");
        builder.HasKey(p => p.ServiceId);
        builder.Property(p => p.ServiceId).ValueGeneratedNever();
        builder.Property(p => p.QuestionnaireId).HasMaxLength(60);
        builder.Property(p => p.ChangedBy).HasMaxLength(100);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SurveyInvitationConfiguration : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> builder)
    {
        builder.ToTable("survey_invitations");
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.QuestionnaireId).HasMaxLength(60);
        builder.Property(i => i.Respondent).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(i => i.Round);
        // One invitation a respondent and round: two job runs at once cannot both ask.
        builder.HasIndex(i => new { i.RespondentId, i.ServiceId, i.RoundStart, i.RoundMonths }).IsUnique();
        // The app's "is there a survey for me" and the job's "who is asked already".
        builder.HasIndex(i => new { i.ServiceId, i.RoundStart });
        builder.HasOne<Patient>().WithMany().HasForeignKey(i => i.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(i => i.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

// No key to a patient, relative or invitation, and no time: the answers cannot be traced back (SurveyAnswer).
internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> builder)
    {
        builder.ToTable("survey_answers");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.QuestionnaireId).HasMaxLength(60);
        builder.Property(a => a.QuestionnaireVersion).HasMaxLength(64);
        builder.Property(a => a.AgeGroup).HasMaxLength(10);
        builder.Property(a => a.LegalSex).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.Respondent).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Answers).AsJson();
        builder.HasIndex(a => new { a.QuestionnaireId, a.RoundStart, a.RoundMonths });
    }
}
