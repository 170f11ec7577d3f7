using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceUse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "service_use_months",
                columns: table => new
                {
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    amount = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    imported_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_use_months", x => new { x.patient_id, x.month, x.kind });
                    table.ForeignKey(
                        name: "fk_service_use_months_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_use_months");
        }
    }
}
