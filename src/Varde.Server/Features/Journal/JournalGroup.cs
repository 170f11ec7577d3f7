using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Delivery;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Journal;

/// <summary>
/// Journal notes for the EHR (issue 20 item 5): made by <see cref="JournalJobs"/> when an alert is handled, read as FHIR
/// (<c>/fhir/Composition</c>, <c>$document</c>) and as PDF here; delivered through the configured boundary
/// (<c>Journal:Delivery:Folder</c> or <c>Journal:Delivery:Url</c>; none means read only).
/// </summary>
public static class JournalGroup
{
    /// <summary>The configuration section of the journal notes' boundary, and its key (<see cref="OutboundDeliveries"/>).</summary>
    public const string Delivery = "Journal:Delivery";

    public static IHostApplicationBuilder AddJournal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<JournalNoteWriter>();
        builder.Services.AddScoped<JournalNoteDelivery>();
        builder.AddOutboundDelivery(Delivery);
        if (builder.Configuration.GetValue("Jobs:Enabled", true))
            builder.Services.AddHostedService<JournalJobs>();
        return builder;
    }

    public static void MapJournal(this WebApplication app) =>
        app.MapGet("/api/patients/{patientId:guid}/journal-notes/{id:guid}/pdf", async Task<Results<FileContentHttpResult, NotFound>> (Guid patientId, Guid id,
                ClaimsPrincipal user, PatientAccessGate gate, VardeDbContext db, CancellationToken ct) =>
            {
                if (await gate.OpenAsync(user, patientId, "journal-note.read", ct) is null)
                    return TypedResults.NotFound();
                var pdf = await db.JournalNotes.AsNoTracking().Where(n => n.Id == id && n.PatientId == patientId).Select(n => n.Pdf).SingleOrDefaultAsync(ct);
                return pdf is null ? TypedResults.NotFound() : TypedResults.File(pdf, "application/pdf", $"journalnotat-{id}.pdf");
            })
            .WithName("GetJournalNotePdf")
            .WithSummary("A journal note as PDF")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
            .WithTags("Journal")
            .RequireAuthorization(Policies.ReadPatientData);
}
