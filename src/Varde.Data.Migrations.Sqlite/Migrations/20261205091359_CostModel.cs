using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CostModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cost_sharing_agreements",
                columns: table => new
                {
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    shares = table.Column<string>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    set_at = table.Column<long>(type: "INTEGER", nullable: false),
                    set_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cost_sharing_agreements", x => x.service_id);
                    table.ForeignKey(
                        name: "fk_cost_sharing_agreements_organisations_service_id",
                        column: x => x.service_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_cost_months",
                columns: table => new
                {
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    staff_hours = table.Column<double>(type: "REAL", precision: 10, scale: 2, nullable: false),
                    staff_hour_cost = table.Column<double>(type: "REAL", precision: 14, scale: 2, nullable: false),
                    equipment = table.Column<double>(type: "REAL", precision: 14, scale: 2, nullable: false),
                    licences = table.Column<double>(type: "REAL", precision: 14, scale: 2, nullable: false),
                    other = table.Column<double>(type: "REAL", precision: 14, scale: 2, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    set_at = table.Column<long>(type: "INTEGER", nullable: false),
                    set_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_cost_months", x => new { x.service_id, x.month });
                    table.ForeignKey(
                        name: "fk_service_cost_months_organisations_service_id",
                        column: x => x.service_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "unit_costs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    municipality_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    kroner = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    price_year = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    set_at = table.Column<long>(type: "INTEGER", nullable: false),
                    set_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_costs", x => x.id);
                    table.ForeignKey(
                        name: "fk_unit_costs_organisations_municipality_id",
                        column: x => x.municipality_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_unit_costs_default",
                table: "unit_costs",
                column: "kind",
                unique: true,
                filter: "municipality_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_unit_costs_municipality",
                table: "unit_costs",
                columns: new[] { "municipality_id", "kind" },
                unique: true,
                filter: "municipality_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cost_sharing_agreements");

            migrationBuilder.DropTable(
                name: "service_cost_months");

            migrationBuilder.DropTable(
                name: "unit_costs");
        }
    }
}
