using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Messages;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;

namespace Varde.Data.Configurations;

internal sealed class PatientMessageConfiguration : IEntityTypeConfiguration<PatientMessage>
{
    public void Configure(EntityTypeBuilder<PatientMessage> builder)
    {
        builder.ToTable("patient_messages");
        // The thread in order, and a resend found by its client id.
        builder.HasIndex(m => new { m.PatientId, m.SentAt });
        builder.HasIndex(m => new { m.PatientId, m.ClientId }).IsUnique();
        builder.HasIndex(m => new { m.ServiceId, m.Direction, m.SentAt });
        builder.Property(m => m.Direction).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Text).HasMaxLength(PatientMessage.MaxTextLength);
        builder.Property(m => m.ClientId).HasMaxLength(PatientMessage.MaxClientIdLength);
        builder.Property(m => m.AuthorId).HasMaxLength(100);
        builder.Property(m => m.OnBehalfLabel).HasMaxLength(150);
        builder.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MessagePhoto>().WithMany().HasForeignKey(m => m.PhotoId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MessagePhotoConfiguration : IEntityTypeConfiguration<MessagePhoto>
{
    public void Configure(EntityTypeBuilder<MessagePhoto> builder)
    {
        builder.ToTable("message_photos");
        builder.HasIndex(p => new { p.PatientId, p.Sha256 }).IsUnique();
        builder.Property(p => p.ContentType).HasMaxLength(40);
        builder.Property(p => p.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(p => p.UploadedBy).HasMaxLength(100);
        builder.HasOne<Patient>().WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MessageReceiptConfiguration : IEntityTypeConfiguration<MessageReceipt>
{
    public void Configure(EntityTypeBuilder<MessageReceipt> builder)
    {
        builder.ToTable("message_receipts");
        // Read once by the other side: the first reader's receipt is the one kept.
        builder.HasKey(r => r.MessageId);
        builder.Property(r => r.ReadBy).HasMaxLength(100);
        builder.HasOne<PatientMessage>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MessageHandlingConfiguration : IEntityTypeConfiguration<MessageHandling>
{
    public void Configure(EntityTypeBuilder<MessageHandling> builder)
    {
        builder.ToTable("message_handlings");
        builder.HasKey(h => h.MessageId);
        builder.Property(h => h.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.HandledBy).HasMaxLength(100);
        builder.HasOne<PatientMessage>().WithMany().HasForeignKey(h => h.MessageId).OnDelete(DeleteBehavior.Restrict);
    }
}
