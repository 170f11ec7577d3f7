using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NationalExport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "national_export_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    bundle = table.Column<string>(type: "TEXT", nullable: false),
                    last_received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_measurement_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_try_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_status = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    delivered_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_export_batches", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_measurements_received_at_id",
                table: "measurements",
                columns: new[] { "received_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_national_export_batches_created_at",
                table: "national_export_batches",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_national_export_batches_next_try_at",
                table: "national_export_batches",
                column: "next_try_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "national_export_batches");

            migrationBuilder.DropIndex(
                name: "ix_measurements_received_at_id",
                table: "measurements");
        }
    }
}
