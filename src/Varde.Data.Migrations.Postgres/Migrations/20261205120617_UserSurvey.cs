using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UserSurvey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "survey_answers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    questionnaire_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    questionnaire_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    round_start = table.Column<DateOnly>(type: "date", nullable: false),
                    round_months = table.Column<int>(type: "integer", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    municipality_id = table.Column<Guid>(type: "uuid", nullable: false),
                    age_group = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    legal_sex = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    respondent = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    answers = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_answers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "survey_invitations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    questionnaire_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    round_start = table.Column<DateOnly>(type: "date", nullable: false),
                    round_months = table.Column<int>(type: "integer", nullable: false),
                    respondent = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    relative_id = table.Column<Guid>(type: "uuid", nullable: true),
                    respondent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answered = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_invitations", x => x.id);
                    table.ForeignKey(
                        name: "fk_survey_invitations_organisations_service_id",
                        column: x => x.service_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_survey_invitations_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "survey_programmes",
                columns: table => new
                {
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    questionnaire_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    round_months = table.Column<int>(type: "integer", nullable: false),
                    ask_patients = table.Column<bool>(type: "boolean", nullable: false),
                    ask_relatives = table.Column<bool>(type: "boolean", nullable: false),
                    is_on = table.Column<bool>(type: "boolean", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_programmes", x => x.service_id);
                    table.ForeignKey(
                        name: "fk_survey_programmes_organisations_service_id",
                        column: x => x.service_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_survey_answers_questionnaire_id_round_start_round_months",
                table: "survey_answers",
                columns: new[] { "questionnaire_id", "round_start", "round_months" });

            migrationBuilder.CreateIndex(
                name: "ix_survey_invitations_patient_id",
                table: "survey_invitations",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_survey_invitations_respondent_id_service_id_round_start_rou~",
                table: "survey_invitations",
                columns: new[] { "respondent_id", "service_id", "round_start", "round_months" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_survey_invitations_service_id_round_start",
                table: "survey_invitations",
                columns: new[] { "service_id", "round_start" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "survey_answers");

            migrationBuilder.DropTable(
                name: "survey_invitations");

            migrationBuilder.DropTable(
                name: "survey_programmes");
        }
    }
}
