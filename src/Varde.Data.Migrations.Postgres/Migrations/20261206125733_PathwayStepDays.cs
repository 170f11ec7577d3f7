using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PathwayStepDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "step_days",
                table: "pathways",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "ix_pathways_without_step_days",
                table: "pathways",
                column: "id",
                filter: "step_days = ''");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_pathways_without_step_days",
                table: "pathways");

            migrationBuilder.DropColumn(
                name: "step_days",
                table: "pathways");
        }
    }
}
