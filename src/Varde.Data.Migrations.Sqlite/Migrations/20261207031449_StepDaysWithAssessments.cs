using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// An evaluation's step in the steps as days now carries the assessment (ADR 0061): the pathways that held one are
    /// given empty step days, so the start-up backfill (PathwayStepDaysBackfill) writes them again from the entity. Down
    /// does the same, for the text without assessments. An evaluation's step is never the first.
    /// </summary>
    public partial class StepDaysWithAssessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("UPDATE pathways SET step_days = '' WHERE step_days LIKE '% Evaluate:%'");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("UPDATE pathways SET step_days = '' WHERE step_days LIKE '% Evaluate:%'");
    }
}
