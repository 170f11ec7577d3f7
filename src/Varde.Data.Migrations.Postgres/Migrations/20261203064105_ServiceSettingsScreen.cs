using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ServiceSettingsScreen : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "closed_days",
                table: "service_settings",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "default_grace_minutes",
                table: "service_settings",
                type: "integer",
                nullable: false,
                defaultValue: 120);

            migrationBuilder.AddColumn<Guid>(
                name: "escalate_to_staff_id",
                table: "service_settings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "patients_per_nurse",
                table: "service_settings",
                type: "integer",
                nullable: false,
                defaultValue: 80);

            migrationBuilder.AddColumn<string>(
                name: "escalated_to",
                table: "alerts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "closed_days",
                table: "service_settings");

            migrationBuilder.DropColumn(
                name: "default_grace_minutes",
                table: "service_settings");

            migrationBuilder.DropColumn(
                name: "escalate_to_staff_id",
                table: "service_settings");

            migrationBuilder.DropColumn(
                name: "patients_per_nurse",
                table: "service_settings");

            migrationBuilder.DropColumn(
                name: "escalated_to",
                table: "alerts");
        }
    }
}
