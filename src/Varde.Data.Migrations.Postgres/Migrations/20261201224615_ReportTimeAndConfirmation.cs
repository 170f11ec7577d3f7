using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReportTimeAndConfirmation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "uncertain_time",
                table: "triage_records",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "device_time",
                table: "questionnaire_responses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "device_time",
                table: "measurements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "patient_confirmed",
                table: "measurements",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "uncertain_time",
                table: "triage_records");

            migrationBuilder.DropColumn(
                name: "device_time",
                table: "questionnaire_responses");

            migrationBuilder.DropColumn(
                name: "device_time",
                table: "measurements");

            migrationBuilder.DropColumn(
                name: "patient_confirmed",
                table: "measurements");
        }
    }
}
