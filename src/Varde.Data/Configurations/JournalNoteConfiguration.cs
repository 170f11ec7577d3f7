using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Alerts;
using Varde.Domain.Journal;
using Varde.Domain.Patients;

namespace Varde.Data.Configurations;

internal sealed class JournalNoteConfiguration : IEntityTypeConfiguration<JournalNote>
{
    public void Configure(EntityTypeBuilder<JournalNote> builder)
    {
        builder.ToTable("journal_notes");
        // One per alert, whichever writer made it; read by patient; the delivery job finds what waits by its next try.
        builder.HasIndex(n => n.AlertId).IsUnique();
        builder.HasIndex(n => new { n.PatientId, n.CreatedAt });
        builder.HasIndex(n => n.NextTryAt);
        builder.Property(n => n.AuthorId).HasMaxLength(100);
        builder.Property(n => n.Delivery).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.LastStatus).HasMaxLength(JournalNote.MaxStatusLength);
        builder.HasOne<Patient>().WithMany().HasForeignKey(n => n.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Alert>().WithMany().HasForeignKey(n => n.AlertId).OnDelete(DeleteBehavior.Restrict);
    }
}
