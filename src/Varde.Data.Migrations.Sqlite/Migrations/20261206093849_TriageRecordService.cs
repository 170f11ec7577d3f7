using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TriageRecordService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_triage_records_to_review",
                table: "triage_records");

            migrationBuilder.AddColumn<Guid>(
                name: "service_id",
                table: "triage_records",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Stored records get their patient's service now (ADR 0056): exact for the reports still waiting, which is
            // what the worklist reads; for older ones it is where the patient is today.
            migrationBuilder.Sql("UPDATE triage_records SET service_id = (SELECT p.follow_up_service_id FROM patients p WHERE p.id = triage_records.patient_id)");
            // Active alerts left with the old service by a transfer before a transfer moved them go to the patient's service.
            migrationBuilder.Sql("""
                UPDATE alerts SET service_id = (SELECT p.follow_up_service_id FROM patients p WHERE p.id = alerts.patient_id)
                WHERE state IN ('Open', 'Acknowledged')
                    AND service_id <> (SELECT p.follow_up_service_id FROM patients p WHERE p.id = alerts.patient_id)
                """);

            migrationBuilder.CreateIndex(
                name: "ix_triage_records_to_review",
                table: "triage_records",
                columns: new[] { "service_id", "received_at" },
                filter: "reviewed_at IS NULL AND alert_id IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_triage_records_to_review",
                table: "triage_records");

            migrationBuilder.DropColumn(
                name: "service_id",
                table: "triage_records");

            migrationBuilder.CreateIndex(
                name: "ix_triage_records_to_review",
                table: "triage_records",
                column: "received_at",
                filter: "reviewed_at IS NULL AND alert_id IS NULL");
        }
    }
}
