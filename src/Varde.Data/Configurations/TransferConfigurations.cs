using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;

namespace Varde.Data.Configurations;

internal sealed class TransferRequestConfiguration : IEntityTypeConfiguration<TransferRequest>
{
    public void Configure(EntityTypeBuilder<TransferRequest> builder)
    {
        builder.ToTable("transfer_requests");
        builder.HasIndex(r => new { r.PatientId, r.ToServiceId });
        builder.HasIndex(r => new { r.ToServiceId, r.At });
        builder.Property(r => r.RequestedByActorId).HasMaxLength(100);
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.ToServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TransferDecisionConfiguration : IEntityTypeConfiguration<TransferDecision>
{
    public void Configure(EntityTypeBuilder<TransferDecision> builder)
    {
        builder.ToTable("transfer_decisions");
        builder.HasIndex(d => d.TransferRequestId).IsUnique();
        builder.Property(d => d.Answer).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.ByActorId).HasMaxLength(100);
        builder.Property(d => d.Note).HasMaxLength(TransferDecision.MaxNoteLength);
        builder.HasOne<TransferRequest>().WithMany().HasForeignKey(d => d.TransferRequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
