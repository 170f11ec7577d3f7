using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OutboxWatermark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_events_published_at_occurred_at",
                table: "outbox_events");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "outbox_events");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_events_occurred_at",
                table: "outbox_events",
                column: "occurred_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_events_occurred_at",
                table: "outbox_events");

            migrationBuilder.AddColumn<long>(
                name: "published_at",
                table: "outbox_events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_events_published_at_occurred_at",
                table: "outbox_events",
                columns: new[] { "published_at", "occurred_at" });
        }
    }
}
