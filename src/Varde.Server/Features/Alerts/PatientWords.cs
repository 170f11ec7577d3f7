using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Questionnaires;

namespace Varde.Server.Features.Alerts;

/// <summary>
/// What a patient wrote in their own words (the free-text answers of a questionnaire, e.g. "Er det noe annet du vil
/// fortelle sykepleieren?"). Such a report is shown with its text on the worklist and is never reviewed in bulk with
/// the greens: a nurse marks it read on its own, after the text was shown. The text is personal data: never log it.
/// </summary>
public static class PatientWords
{
    /// <summary>The free-text answers of the reports that have any, by report id (measurements have none).</summary>
    public static async Task<Dictionary<Guid, string>> ForAsync(VardeDbContext db, IReadOnlyCollection<Guid> reportIds, CancellationToken ct)
    {
        if (reportIds.Count == 0)
            return [];
        var responses = await db.QuestionnaireResponses.AsNoTracking()
            .Where(r => reportIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Answers })
            .ToListAsync(ct);
        return responses
            .Select(r => (r.Id, Text: Of(r.Answers)))
            .Where(r => r.Text is not null)
            .ToDictionary(r => r.Id, r => r.Text!);
    }

    public static string? Of(IEnumerable<QuestionnaireAnswer> answers)
    {
        var texts = answers.Select(a => a.Text?.Trim()).Where(t => !string.IsNullOrEmpty(t)).ToList();
        return texts.Count == 0 ? null : string.Join("\n", texts);
    }

    /// <summary>Why a report with the patient's own words was left out of a bulk review, naming it.</summary>
    public static ProblemDetails NotInBulk(Guid reportId) => new()
    {
        Type = "https://varde.no/problems/patient-words-unread",
        Title = "The patient wrote something: read it and mark it read on its own",
        Status = StatusCodes.Status409Conflict,
        Detail = $"Report {reportId} has text the patient wrote to the nurse, so it is not reviewed in bulk. Show the text, then mark it read on its own: "
            + $"{{\"reportIds\": [\"{reportId}\"], \"textRead\": true}}. The other reports in the request were handled.",
        Extensions = { ["reportId"] = reportId },
    };
}
