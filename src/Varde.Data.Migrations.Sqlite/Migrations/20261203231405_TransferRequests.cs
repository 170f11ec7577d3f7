using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TransferRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "transfer_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    to_service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    municipality_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    gp_staff_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    requested_by_actor_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfer_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_transfer_requests_organisations_to_service_id",
                        column: x => x.to_service_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_transfer_requests_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "transfer_decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    transfer_request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    answer = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    by_actor_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfer_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_transfer_decisions_transfer_requests_transfer_request_id",
                        column: x => x.transfer_request_id,
                        principalTable: "transfer_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_transfer_decisions_transfer_request_id",
                table: "transfer_decisions",
                column: "transfer_request_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_transfer_requests_patient_id_to_service_id",
                table: "transfer_requests",
                columns: new[] { "patient_id", "to_service_id" });

            migrationBuilder.CreateIndex(
                name: "ix_transfer_requests_to_service_id_at",
                table: "transfer_requests",
                columns: new[] { "to_service_id", "at" });

            migrationBuilder.Sql("CREATE TRIGGER transfer_requests_no_update BEFORE UPDATE ON transfer_requests BEGIN SELECT RAISE(ABORT, 'transfer_requests is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER transfer_requests_no_delete BEFORE DELETE ON transfer_requests BEGIN SELECT RAISE(ABORT, 'transfer_requests is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER transfer_decisions_no_update BEFORE UPDATE ON transfer_decisions BEGIN SELECT RAISE(ABORT, 'transfer_decisions is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER transfer_decisions_no_delete BEFORE DELETE ON transfer_decisions BEGIN SELECT RAISE(ABORT, 'transfer_decisions is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS transfer_requests_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS transfer_requests_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS transfer_decisions_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS transfer_decisions_no_delete;");

            migrationBuilder.DropTable(
                name: "transfer_decisions");

            migrationBuilder.DropTable(
                name: "transfer_requests");
        }
    }
}
