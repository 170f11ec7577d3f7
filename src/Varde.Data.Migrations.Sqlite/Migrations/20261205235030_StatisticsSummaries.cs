using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StatisticsSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "report_hours",
                columns: table => new
                {
                    hour = table.Column<long>(type: "INTEGER", nullable: false),
                    follow_up_service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    municipality_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reports = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_hours", x => new { x.hour, x.follow_up_service_id, x.municipality_id });
                });

            migrationBuilder.CreateTable(
                name: "summary_watermarks",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    through = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summary_watermarks", x => x.name);
                });

            migrationBuilder.InsertData(
                table: "summary_watermarks",
                columns: new[] { "name", "through", "version" },
                values: new object[] { "report_hours", null, 0 });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_hours");

            migrationBuilder.DropTable(
                name: "summary_watermarks");
        }
    }
}
