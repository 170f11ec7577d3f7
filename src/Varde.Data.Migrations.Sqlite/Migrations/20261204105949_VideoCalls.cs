using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class VideoCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "video_calls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_video_calls", x => x.id);
                    table.ForeignKey(
                        name: "fk_video_calls_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "video_seats",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    call_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    staff_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    joined_at = table.Column<long>(type: "INTEGER", nullable: true),
                    admitted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    left_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_video_seats", x => x.id);
                    table.ForeignKey(
                        name: "fk_video_seats_video_calls_call_id",
                        column: x => x.call_id,
                        principalTable: "video_calls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_video_calls_patient_id_opened_at",
                table: "video_calls",
                columns: new[] { "patient_id", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "ix_video_seats_call_id",
                table: "video_seats",
                column: "call_id");

            migrationBuilder.CreateIndex(
                name: "ix_video_seats_token_hash",
                table: "video_seats",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "video_seats");

            migrationBuilder.DropTable(
                name: "video_calls");
        }
    }
}
