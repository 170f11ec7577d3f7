using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MeasuringDevices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "device_id",
                table: "measurements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "measuring_devices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    manufacturer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    serial_number = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    identifier_system = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    identifier_value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    registered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    registered_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measuring_devices", x => x.id);
                    table.ForeignKey(
                        name: "fk_measuring_devices_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_measurements_device_id",
                table: "measurements",
                column: "device_id");

            migrationBuilder.CreateIndex(
                name: "ix_measuring_devices_organisation_id_identifier_system_identifier_value",
                table: "measuring_devices",
                columns: new[] { "organisation_id", "identifier_system", "identifier_value" });

            migrationBuilder.CreateIndex(
                name: "ix_measuring_devices_organisation_id_manufacturer_model_serial_number",
                table: "measuring_devices",
                columns: new[] { "organisation_id", "manufacturer", "model", "serial_number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "measuring_devices");

            migrationBuilder.DropIndex(
                name: "ix_measurements_device_id",
                table: "measurements");

            migrationBuilder.DropColumn(
                name: "device_id",
                table: "measurements");
        }
    }
}
