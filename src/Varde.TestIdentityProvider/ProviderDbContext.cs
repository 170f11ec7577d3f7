using Microsoft.EntityFrameworkCore;

namespace Varde.TestIdentityProvider;

/// <summary>OpenIddict's own tables (clients, authorisations, tokens: so a used code is known), in memory.</summary>
internal sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
