using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AlertMembersOwnRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "earliest_effective_at",
                table: "alerts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "latest_report_id",
                table: "alerts",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "reason_client_id",
                table: "alerts",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "reason_effective_at",
                table: "alerts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Alerts stored before this change: what the alert now keeps, from its reports (ADR 0021).
            migrationBuilder.Sql("""
                UPDATE alerts SET
                    earliest_effective_at = COALESCE((SELECT MIN(m.effective_at) FROM alert_reports m WHERE m.alert_id = alerts.id), earliest_effective_at),
                    latest_report_id = COALESCE((SELECT m.report_id FROM alert_reports m WHERE m.alert_id = alerts.id
                        ORDER BY m.effective_at DESC, m.report_id DESC LIMIT 1), latest_report_id),
                    reason_effective_at = COALESCE((SELECT m.effective_at FROM alert_reports m WHERE m.alert_id = alerts.id
                        AND (CASE WHEN m.late AND m.zone = 'Red' THEN 'Yellow' ELSE m.zone END) = alerts.zone
                        ORDER BY m.effective_at DESC, m.client_id DESC LIMIT 1), reason_effective_at),
                    reason_client_id = COALESCE((SELECT m.client_id FROM alert_reports m WHERE m.alert_id = alerts.id
                        AND (CASE WHEN m.late AND m.zone = 'Red' THEN 'Yellow' ELSE m.zone END) = alerts.zone
                        ORDER BY m.effective_at DESC, m.client_id DESC LIMIT 1), reason_client_id)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "earliest_effective_at",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "latest_report_id",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "reason_client_id",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "reason_effective_at",
                table: "alerts");
        }
    }
}
