using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Integrations;
using Varde.Domain.Organisations;

namespace Varde.Data.Configurations;

/// <summary>Backend systems (ADR 0045): one row each, found by client id at every token request and every request of its tokens.</summary>
internal sealed class BackendSystemConfiguration : IEntityTypeConfiguration<BackendSystem>
{
    public void Configure(EntityTypeBuilder<BackendSystem> builder)
    {
        builder.ToTable("backend_systems");
        builder.Property(b => b.ClientId).HasMaxLength(BackendSystem.MaxClientIdLength);
        builder.HasIndex(b => b.ClientId).IsUnique();
        builder.Property(b => b.Name).HasMaxLength(BackendSystem.MaxNameLength);
        builder.Property(b => b.Keys).HasMaxLength(20_000);
        builder.Property(b => b.CreatedBy).HasMaxLength(100);
        builder.Property(b => b.RevokedBy).HasMaxLength(100);
        builder.HasIndex(b => b.OrganisationId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(b => b.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The jti of every backend-system JWT used for a token, until it expires: the unique key refuses a replay.</summary>
internal sealed class UsedClientAssertionConfiguration : IEntityTypeConfiguration<UsedClientAssertion>
{
    public void Configure(EntityTypeBuilder<UsedClientAssertion> builder)
    {
        builder.ToTable("used_client_assertions");
        builder.HasKey(a => new { a.ClientId, a.Jti });
        builder.Property(a => a.ClientId).HasMaxLength(BackendSystem.MaxClientIdLength);
        builder.Property(a => a.Jti).HasMaxLength(UsedClientAssertion.MaxJtiLength);
        builder.HasIndex(a => a.ExpiresAt);
    }
}
