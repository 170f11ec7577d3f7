using Microsoft.EntityFrameworkCore;
using Varde.Domain.Access;
using Varde.Domain.Pathways;
using Varde.Domain.Services;
using Varde.Domain.Statistics;
using Varde.Testing;

namespace Varde.Data.Tests;

/// <summary>
/// The statistics read pathways as rows with their steps as days (<see cref="PathwayRow"/>): the steps read from the
/// stored text are the entity's own history as Norwegian dates, on both databases, each evaluation's step with the
/// assessment of the evaluation it held.
/// </summary>
public sealed class PathwayRowTests
{
    private static readonly Caller Nurse = new("row-nurse", Role.Nurse, Guid.Empty);
    private static readonly Caller Coordinator = new("row-coordinator", Role.Coordinator, Guid.Empty);
    private static readonly InclusionChecklist AllMet = new(true, true, true, true, true, true, HasBankId: false, HasOwnDevice: false, HasCoverage: true);

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ThePathwaysSteps_ReadFromTheStoredText_AreTheEntitysOwn(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var patient = await Seed.PatientAsync(db);
        var referred = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero); // the night summer time starts
        var pathway = Pathway.Refer(Guid.NewGuid(), patient.Id, "Fastlege", Nurse, referred).Value;
        pathway.StartAssessment(Nurse, referred.AddHours(1)).ShouldBeEmpty();
        pathway.Accept(AllMet, new DateOnly(2026, 4, 2), referred.AddDays(2), Coordinator, referred.AddDays(2)).ShouldBeEmpty();
        pathway.RecordStartUp(referred.AddDays(4), referred.AddDays(4), [new("Nettbrett", "TAB-1")], Nurse, referred.AddDays(4)).ShouldBeEmpty();
        pathway.StartTrial(14, Nurse, referred.AddDays(4)).ShouldBeEmpty();
        pathway.End(EndReason.Died, null, Nurse, referred.AddDays(9)).ShouldBeEmpty();
        db.Pathways.Add(pathway);
        // A second one, active, with an evaluation held: its step carries the assessment.
        var active = Pathway.Refer(Guid.NewGuid(), patient.Id, "Fastlege", Nurse, referred.AddDays(20)).Value;
        active.StartAssessment(Nurse, referred.AddDays(20)).ShouldBeEmpty();
        active.Accept(AllMet, new DateOnly(2026, 4, 22), referred.AddDays(21), Coordinator, referred.AddDays(21)).ShouldBeEmpty();
        active.RecordStartUp(referred.AddDays(22), referred.AddDays(22), [new("Nettbrett", "TAB-2")], Nurse, referred.AddDays(22)).ShouldBeEmpty();
        active.StartTrial(14, Nurse, referred.AddDays(22)).ShouldBeEmpty();
        active.Activate(true, new DateOnly(2026, 6, 1), Nurse, referred.AddDays(36)).ShouldBeEmpty();
        var assessment = new EvaluationAssessment(GoalAttainment.Met, SelfManagementChange.Better, FeelsSafer: true, ReportsWithoutHelp: true);
        active.RecordEvaluation(assessment, "Går bra", new DateOnly(2026, 9, 1), Nurse, new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero)).ShouldBeEmpty();
        db.Pathways.Add(active);
        await db.SaveChangesAsync();

        await using var other = database.NewContext();
        var row = await other.PathwayRows.SingleAsync(r => r.Id == pathway.Id);

        PathwayStepDays.Read(row.StepDays).ShouldBe(DaysOf(pathway));
        PathwayStepDays.Read(row.StepDays).Length.ShouldBe(6);
        (row.PatientId, row.ReferredAt, row.TrialStartedAt, row.EndedAt, row.EndReason)
            .ShouldBe((patient.Id, referred, pathway.TrialStartedAt, pathway.EndedAt, EndReason.Died));
        var activeRow = await other.PathwayRows.SingleAsync(r => r.Id == active.Id);
        PathwayStepDays.Read(activeRow.StepDays).ShouldBe([.. DaysOf(active).SkipLast(1),
            new PathwayStepFact(PathwayStep.Evaluate, PathwayState.Active, new DateOnly(2026, 6, 1), assessment)]);
    }

    private static PathwayStepFact[] DaysOf(Pathway pathway) => [.. pathway.History.Select(e => new PathwayStepFact(e.Step, e.State, NorwegianTime.Today(e.At)))];
}
