using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QuestionnairesAndPlanTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "questionnaire_version",
                table: "questionnaire_responses",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // The answers given before questionnaires were stored answered the two Varde shipped, in their versions then
            // (daily questions version 1 answers are valid version 2 answers). The append-only trigger steps aside for it.
            migrationBuilder.Sql("DROP TRIGGER questionnaire_responses_no_update;");
            migrationBuilder.Sql("UPDATE questionnaire_responses SET questionnaire_version = CASE questionnaire_id WHEN 'cat' THEN '1' WHEN 'daily-symptoms' THEN '2' ELSE '1' END;");
            migrationBuilder.Sql("CREATE TRIGGER questionnaire_responses_no_update BEFORE UPDATE ON questionnaire_responses BEGIN SELECT RAISE(ABORT, 'questionnaire_responses is append-only'); END;");

            migrationBuilder.CreateTable(
                name: "plan_templates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    diagnosis = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    thresholds = table.Column<string>(type: "TEXT", nullable: false),
                    rules = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    changed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    retired_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_templates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "questionnaires",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    key = table.Column<Guid>(type: "TEXT", nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    retired_at = table.Column<long>(type: "INTEGER", nullable: true),
                    retired_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_questionnaires", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "questionnaire_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    questionnaire_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    title_nb = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    resource = table.Column<string>(type: "TEXT", nullable: false),
                    imported_at = table.Column<long>(type: "INTEGER", nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    published_at = table.Column<long>(type: "INTEGER", nullable: true),
                    published_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_questionnaire_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_questionnaire_versions_questionnaires_questionnaire_id",
                        column: x => x.questionnaire_id,
                        principalTable: "questionnaires",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_plan_templates_diagnosis",
                table: "plan_templates",
                column: "diagnosis");

            migrationBuilder.CreateIndex(
                name: "ix_plan_templates_name_in_use",
                table: "plan_templates",
                column: "name",
                unique: true,
                filter: "retired_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_versions_questionnaire_id_version",
                table: "questionnaire_versions",
                columns: new[] { "questionnaire_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_questionnaires_key",
                table: "questionnaires",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_questionnaires_url",
                table: "questionnaires",
                column: "url",
                unique: true);

            // A published version never changes and is never deleted; a draft may be replaced.
            migrationBuilder.Sql("CREATE TRIGGER questionnaire_versions_published_no_update BEFORE UPDATE ON questionnaire_versions WHEN OLD.published_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a published questionnaire version never changes'); END;");
            migrationBuilder.Sql("CREATE TRIGGER questionnaire_versions_published_no_delete BEFORE DELETE ON questionnaire_versions WHEN OLD.published_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a published questionnaire version never changes'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_templates");

            migrationBuilder.DropTable(
                name: "questionnaire_versions");

            migrationBuilder.DropTable(
                name: "questionnaires");

            migrationBuilder.DropColumn(
                name: "questionnaire_version",
                table: "questionnaire_responses");
        }
    }
}
