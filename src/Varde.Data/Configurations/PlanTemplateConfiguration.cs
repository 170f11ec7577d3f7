using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Data.Conventions;
using Varde.Domain.Plans;

namespace Varde.Data.Configurations;

/// <summary>Plan templates: the content as JSON like a plan version's; the version number guards against two changes at once; names in use are unique.</summary>
internal sealed class PlanTemplateConfiguration : IEntityTypeConfiguration<PlanTemplate>
{
    public void Configure(EntityTypeBuilder<PlanTemplate> builder)
    {
        builder.ToTable("plan_templates");
        builder.Property(t => t.Name).HasMaxLength(PlanTemplate.MaxNameLength);
        builder.Property(t => t.Description).HasMaxLength(PlanTemplate.MaxDescriptionLength);
        builder.Property(t => t.Diagnosis).HasConversion<string>().HasMaxLength(30);
        builder.Property(t => t.Thresholds).AsJson();
        builder.Property(t => t.Rules).AsJsonObject();
        builder.Property(t => t.ChangedBy).HasMaxLength(100);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasIndex(t => t.Diagnosis);
        // Two templates in use never share a name (nor do two nodes starting at once seed the same template twice).
        builder.HasIndex(t => t.Name).IsUnique().HasFilter("retired_at IS NULL").HasDatabaseName("ix_plan_templates_name_in_use");
    }
}
