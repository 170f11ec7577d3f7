using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NationalExportUniqueWatermark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_national_export_batches_last_received_at_last_measurement_id",
                table: "national_export_batches",
                columns: new[] { "last_received_at", "last_measurement_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_national_export_batches_last_received_at_last_measurement_id",
                table: "national_export_batches");
        }
    }
}
