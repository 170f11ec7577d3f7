using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Subscriptions;

namespace Varde.Data.Configurations;

internal sealed class FhirSubscriptionConfiguration : IEntityTypeConfiguration<FhirSubscription>
{
    public void Configure(EntityTypeBuilder<FhirSubscription> builder)
    {
        builder.ToTable("fhir_subscriptions");
        builder.HasIndex(s => new { s.Status, s.Topic });
        builder.HasIndex(s => s.OwnerId);
        builder.Property(s => s.OwnerId).HasMaxLength(100);
        builder.Property(s => s.OwnerRole).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.Topic).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.ZoneFilter).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.CodeFilter).HasMaxLength(40);
        builder.Property(s => s.Endpoint).HasMaxLength(FhirSubscription.MaxEndpointLength);
        builder.Property(s => s.ServerBase).HasMaxLength(FhirSubscription.MaxEndpointLength);
        builder.Property(s => s.Header).HasMaxLength(FhirSubscription.MaxHeaderLength);
        builder.Property(s => s.Content).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Reason).HasMaxLength(FhirSubscription.MaxReasonLength);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.LastError).HasMaxLength(FhirSubscription.MaxErrorLength);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.Owner);
        builder.Ignore(s => s.Listens);
    }
}

internal sealed class SubscriptionNotificationConfiguration : IEntityTypeConfiguration<SubscriptionNotification>
{
    public void Configure(EntityTypeBuilder<SubscriptionNotification> builder)
    {
        builder.ToTable("fhir_subscription_notifications");
        // One per cause and subscription, whichever matcher made it; the delivery job finds what waits by its next try.
        builder.HasIndex(n => new { n.SubscriptionId, n.Cause }).IsUnique();
        builder.HasIndex(n => n.NextTryAt);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(n => n.Cause).HasMaxLength(SubscriptionNotification.MaxCauseLength);
        builder.Property(n => n.FocusType).HasMaxLength(40);
        builder.Property(n => n.LastStatus).HasMaxLength(FhirSubscription.MaxErrorLength);
        builder.Ignore(n => n.IsWaiting);
        builder.HasOne<FhirSubscription>().WithMany().HasForeignKey(n => n.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
