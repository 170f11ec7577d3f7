using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TriageAndAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "rules",
                table: "plan_versions",
                type: "text",
                nullable: false,
                defaultValue: "{\"changes\":[],\"scoreBands\":[],\"answers\":[],\"schedule\":[]}");

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    subject = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    zone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    red_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    report_count = table.Column<int>(type: "integer", nullable: false),
                    latest_effective_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason_nb = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    reason_en = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    late = table.Column<bool>(type: "boolean", nullable: false),
                    acknowledged_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    handled_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    handled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts", x => x.id);
                    table.ForeignKey(
                        name: "fk_alerts_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "missed_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    opens = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_by = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    alert_id = table.Column<Guid>(type: "uuid", nullable: true),
                    fulfilled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_missed_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_missed_reports_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "outbox_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: true),
                    alert_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payload = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "public_holidays",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_holidays", x => x.date);
                });

            migrationBuilder.CreateTable(
                name: "questionnaire_responses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    questionnaire_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    answers = table.Column<string>(type: "text", nullable: false),
                    score = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: true),
                    effective_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_questionnaire_responses", x => x.id);
                    table.ForeignKey(
                        name: "fk_questionnaire_responses_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_settings",
                columns: table => new
                {
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    opening_hours = table.Column<string>(type: "text", nullable: false),
                    escalate_after_minutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_settings", x => x.service_id);
                });

            migrationBuilder.CreateTable(
                name: "triage_records",
                columns: table => new
                {
                    report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subject = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    effective_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    base_outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    rule_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    rule_version = table.Column<int>(type: "integer", nullable: false),
                    plan_version_id = table.Column<Guid>(type: "uuid", nullable: true),
                    plan_version_number = table.Column<int>(type: "integer", nullable: true),
                    inputs = table.Column<string>(type: "text", nullable: false),
                    explanation_nb = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    explanation_en = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    late = table.Column<bool>(type: "boolean", nullable: false),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    alert_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_triage_records", x => x.report_id);
                    table.ForeignKey(
                        name: "fk_triage_records_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "alert_reports",
                columns: table => new
                {
                    report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    alert_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    effective_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    zone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    late = table.Column<bool>(type: "boolean", nullable: false),
                    reason_nb = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    reason_en = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_reports", x => new { x.alert_id, x.report_id });
                    table.ForeignKey(
                        name: "fk_alert_reports_alerts_alert_id",
                        column: x => x.alert_id,
                        principalTable: "alerts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alert_reports_report_id",
                table: "alert_reports",
                column: "report_id");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_patient_id_category_subject_state",
                table: "alerts",
                columns: new[] { "patient_id", "category", "subject", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_service_id_state",
                table: "alerts",
                columns: new[] { "service_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_missed_reports_patient_id_item_key_day",
                table: "missed_reports",
                columns: new[] { "patient_id", "item_key", "day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_events_published_at_occurred_at",
                table: "outbox_events",
                columns: new[] { "published_at", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_responses_patient_id_client_id",
                table: "questionnaire_responses",
                columns: new[] { "patient_id", "client_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_questionnaire_responses_patient_id_questionnaire_id_effecti~",
                table: "questionnaire_responses",
                columns: new[] { "patient_id", "questionnaire_id", "effective_at" });

            migrationBuilder.CreateIndex(
                name: "ix_triage_records_patient_id_effective_at",
                table: "triage_records",
                columns: new[] { "patient_id", "effective_at" });

            migrationBuilder.CreateIndex(
                name: "ix_triage_records_patient_id_reviewed_at_alert_id",
                table: "triage_records",
                columns: new[] { "patient_id", "reviewed_at", "alert_id" });

            // Questionnaire responses are append-only like measurements (see AppendOnlyTriggers).
            migrationBuilder.Sql("CREATE TRIGGER questionnaire_responses_append_only BEFORE UPDATE OR DELETE ON questionnaire_responses FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS questionnaire_responses_append_only ON questionnaire_responses;");

            migrationBuilder.DropTable(
                name: "alert_reports");

            migrationBuilder.DropTable(
                name: "missed_reports");

            migrationBuilder.DropTable(
                name: "outbox_events");

            migrationBuilder.DropTable(
                name: "public_holidays");

            migrationBuilder.DropTable(
                name: "questionnaire_responses");

            migrationBuilder.DropTable(
                name: "service_settings");

            migrationBuilder.DropTable(
                name: "triage_records");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropColumn(
                name: "rules",
                table: "plan_versions");
        }
    }
}
