using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Organisations;

namespace Varde.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations");
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.MunicipalityNumber).HasMaxLength(4);
        builder.PrimitiveCollection(o => o.ServedMunicipalityIds).HasField("_servedMunicipalityIds");
        builder.Property(o => o.OrganisationNumber).HasMaxLength(9);
        builder.HasIndex(o => o.MunicipalityNumber).IsUnique();
        builder.Ignore(o => o.IsActive);
    }
}
