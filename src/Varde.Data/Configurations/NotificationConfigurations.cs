using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Notifications;
using Varde.Domain.Patients;

namespace Varde.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        // One per cause; the job finds what waits by its next try.
        builder.HasIndex(n => n.Key).IsUnique();
        builder.HasIndex(n => new { n.State, n.NextAttemptAt });
        builder.HasIndex(n => new { n.PatientId, n.CreatedAt });
        builder.Property(n => n.Key).HasMaxLength(Notification.MaxKeyLength);
        builder.Property(n => n.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.RecipientKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.DeliveredBy).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.ItemKey).HasMaxLength(120);
        builder.Property(n => n.LastError).HasMaxLength(Notification.MaxErrorLength);
        builder.HasOne<Patient>().WithMany().HasForeignKey(n => n.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationAttemptConfiguration : IEntityTypeConfiguration<NotificationAttempt>
{
    public void Configure(EntityTypeBuilder<NotificationAttempt> builder)
    {
        builder.ToTable("notification_attempts");
        builder.HasIndex(a => new { a.NotificationId, a.Number }).IsUnique();
        builder.Property(a => a.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Error).HasMaxLength(Notification.MaxErrorLength);
        builder.HasOne<Notification>().WithMany().HasForeignKey(a => a.NotificationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> builder)
    {
        builder.ToTable("push_subscriptions");
        builder.HasIndex(s => new { s.PatientId, s.RevokedAt });
        builder.HasIndex(s => s.Endpoint);
        builder.Property(s => s.Endpoint).HasMaxLength(PushSubscription.MaxEndpointLength);
        builder.Property(s => s.P256dh).HasMaxLength(100);
        builder.Property(s => s.Auth).HasMaxLength(40);
        builder.HasOne<Patient>().WithMany().HasForeignKey(s => s.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebPushKeysConfiguration : IEntityTypeConfiguration<WebPushKeys>
{
    public void Configure(EntityTypeBuilder<WebPushKeys> builder)
    {
        builder.ToTable("web_push_keys");
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.PublicKey).HasMaxLength(100);
        builder.Property(k => k.PrivateKey).HasMaxLength(100);
    }
}
