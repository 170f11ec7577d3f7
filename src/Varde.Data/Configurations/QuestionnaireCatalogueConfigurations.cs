using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Questionnaires;

namespace Varde.Data.Configurations;

/// <summary>The installation's questionnaires (ADR 0025): one row each, and its versions, of which the published ones never change (EF guard and database triggers).</summary>
internal sealed class ManagedQuestionnaireConfiguration : IEntityTypeConfiguration<ManagedQuestionnaire>
{
    public void Configure(EntityTypeBuilder<ManagedQuestionnaire> builder)
    {
        builder.ToTable("questionnaires");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Id).HasMaxLength(QuestionnaireDefinition.MaxIdLength);
        builder.Property(q => q.Url).HasMaxLength(QuestionnaireDefinition.MaxUrlLength);
        builder.HasIndex(q => q.Url).IsUnique();
        builder.HasIndex(q => q.Key).IsUnique();
        builder.Property(q => q.RetiredBy).HasMaxLength(100);
    }
}

internal sealed class QuestionnaireVersionConfiguration : IEntityTypeConfiguration<QuestionnaireVersion>
{
    public void Configure(EntityTypeBuilder<QuestionnaireVersion> builder)
    {
        builder.ToTable("questionnaire_versions");
        builder.HasIndex(v => new { v.QuestionnaireId, v.Version }).IsUnique();
        builder.Property(v => v.QuestionnaireId).HasMaxLength(QuestionnaireDefinition.MaxIdLength);
        builder.Property(v => v.Version).HasMaxLength(QuestionnaireDefinition.MaxVersionLength);
        builder.Property(v => v.TitleNb).HasMaxLength(200);
        builder.Property(v => v.TitleEn).HasMaxLength(200);
        builder.Property(v => v.ImportedBy).HasMaxLength(100);
        builder.Property(v => v.PublishedBy).HasMaxLength(100);
        builder.HasOne<ManagedQuestionnaire>().WithMany().HasForeignKey(v => v.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
    }
}
