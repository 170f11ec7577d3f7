using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PathwayStatisticsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_pathways_patient_id",
                table: "pathways");

            migrationBuilder.CreateIndex(
                name: "ix_pathways_patient_id",
                table: "pathways",
                column: "patient_id")
                .Annotation("Npgsql:IndexInclude", new[] { "id", "referred_at", "trial_started_at", "ended_at", "end_reason", "step_days" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_pathways_patient_id",
                table: "pathways");

            migrationBuilder.CreateIndex(
                name: "ix_pathways_patient_id",
                table: "pathways",
                column: "patient_id");
        }
    }
}
