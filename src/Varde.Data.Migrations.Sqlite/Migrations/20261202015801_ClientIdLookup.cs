using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClientIdLookup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_responses_client_id",
                table: "questionnaire_responses",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_measurements_client_id",
                table: "measurements",
                column: "client_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_questionnaire_responses_client_id",
                table: "questionnaire_responses");

            migrationBuilder.DropIndex(
                name: "ix_measurements_client_id",
                table: "measurements");
        }
    }
}
