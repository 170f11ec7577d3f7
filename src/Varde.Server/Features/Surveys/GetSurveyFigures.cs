using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Services;
using Varde.Domain.Statistics;
using Varde.Domain.Surveys;
using Varde.Server.Features.Questionnaires;
using Varde.Server.Features.Statistics;

namespace Varde.Server.Features.Surveys;

/// <summary>
/// GET /api/statistics/survey?questionnaire=&amp;round=YYYY-MM&amp;months=[&amp;service=|&amp;municipality=|&amp;healthCommunity=][&amp;ageGroup=][&amp;sex=][&amp;respondent=]:
/// the user survey's figures for one closed round, for a service, a municipality, a health community or the
/// installation, of one age group, sex, or patients or relatives. Shown only under the k ≥ 10 rule over the whole
/// breakdown the filters make (<see cref="SurveyFigures"/>); for leaders and administrators.
/// </summary>
public sealed class GetSurveyFigures([FromKeyedServices(Infrastructure.ReadDatabase.Key)] VardeDbContext db, StoredQuestionnaires questionnaires, TimeProvider clock)
{
    public sealed record Query(string? Questionnaire, string? Round, int? Months, Guid? Service, Guid? Municipality, Guid? HealthCommunity, string? AgeGroup,
        LegalSex? Sex, Respondent? Respondent);

    public sealed record SurveyReport(string Questionnaire, string TitleNb, string TitleEn, string Round, int Months, DateOnly RoundEnds, string Scope, Guid? Id,
        string Name, string? AgeGroup, LegalSex? Sex, Respondent? Respondent, int Threshold, SurveyFigureSet Figures);

    public static void Map(RouteGroupBuilder statistics) =>
        statistics.MapGet("/survey", async Task<Results<Ok<SurveyReport>, ValidationProblem>> ([AsParameters] Query query, GetSurveyFigures slice,
                CancellationToken ct) =>
            {
                var report = await slice.HandleAsync(query, ct);
                return report.IsValid ? TypedResults.Ok(report.Value) : TypedResults.ValidationProblem(report.ErrorsByField());
            })
            .WithName(nameof(GetSurveyFigures));

    public static void MapCsv(RouteGroupBuilder statistics) =>
        statistics.MapGet("/survey.csv", async Task<Results<FileContentHttpResult, ValidationProblem>> ([AsParameters] Query query, GetSurveyFigures slice,
                CancellationToken ct) =>
            {
                var report = await slice.HandleAsync(query, ct);
                return report.IsValid
                    ? TypedResults.File(SurveyCsv.Write(report.Value), "text/csv; charset=utf-8", SurveyCsv.FileName(report.Value))
                    : TypedResults.ValidationProblem(report.ErrorsByField());
            })
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv")
            .WithName("GetSurveyFiguresCsv");

    public async Task<Validated<SurveyReport>> HandleAsync(Query query, CancellationToken ct)
    {
        var catalogue = await questionnaires.CatalogueAsync(ct);
        if (catalogue.Find(query.Questionnaire) is not { } questionnaire)
            return Validated<SurveyReport>.Fail("questionnaire", $"No questionnaire '{query.Questionnaire}'.");
        var parsed = SurveyRound.Parse(query.Round, query.Months);
        if (!parsed.IsValid)
            return Validated<SurveyReport>.Fail(parsed.Errors);
        var round = parsed.Value;
        if (!round.IsClosedOn(NorwegianTime.Today(clock.GetUtcNow())))
            return Validated<SurveyReport>.Fail("round", $"The round ends on {round.End:yyyy-MM-dd}; its figures are shown once it is over, so that no answer can be told apart by when it came.");
        if (query.AgeGroup is { } group && !AgeGroups.All.Contains(group))
            return Validated<SurveyReport>.Fail("ageGroup", $"An age group is one of {string.Join(", ", AgeGroups.All)}.");
        var scope = await StatisticsScope.ResolveAsync(db, query.Service, query.Municipality, query.HealthCommunity, ct);
        if (!scope.IsValid)
            return Validated<SurveyReport>.Fail(scope.Errors);

        var answers = await db.SurveyAnswers.AsNoTracking()
            .Where(a => a.QuestionnaireId == questionnaire.Id && a.RoundStart == round.Start && a.RoundMonths == round.Months)
            .Select(a => new { a.ServiceId, a.MunicipalityId, a.AgeGroup, a.LegalSex, a.Respondent, a.Answers })
            .ToListAsync(ct);
        var communities = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Municipality)
            .ToDictionaryAsync(o => o.Id, o => o.HealthCommunityId, ct);

        // The cell of the breakdown an answer falls in: its value of every filter in use and, for a scope narrower than
        // the installation, its service and municipality (services and municipalities cut the answers in ways that do not
        // nest, so either scope is a union of these cells; a health community is its municipalities').
        var s = scope.Value;
        var scoped = s.Kind != "installation";
        var cells = answers.Select(a => new SurveyCellAnswer(
            string.Join('|', scoped ? $"{a.ServiceId}/{a.MunicipalityId}" : "", query.AgeGroup is null ? "" : a.AgeGroup, query.Sex is null ? "" : a.LegalSex.ToString(),
                query.Respondent is null ? "" : a.Respondent.ToString()),
            s.Kind switch
            {
                "service" => a.ServiceId == s.Id,
                "municipality" => a.MunicipalityId == s.Id,
                "healthCommunity" => communities.GetValueOrDefault(a.MunicipalityId) == s.Id,
                _ => true,
            }
            && (query.AgeGroup is null || a.AgeGroup == query.AgeGroup) && (query.Sex is null || a.LegalSex == query.Sex)
            && (query.Respondent is null || a.Respondent == query.Respondent),
            a.Answers)).ToList();
        var figures = SurveyFigures.Of(questionnaire, cells);
        return Validated<SurveyReport>.Ok(new SurveyReport(questionnaire.Id, questionnaire.TitleNb, questionnaire.TitleEn, round.FirstMonth, round.Months, round.End,
            s.Kind, s.Id, s.Name, query.AgeGroup, query.Sex, query.Respondent, SurveyFigures.Threshold, figures));
    }
}
