using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    municipality_id = table.Column<Guid>(type: "uuid", nullable: false),
                    gp_staff_id = table.Column<Guid>(type: "uuid", nullable: true),
                    requested_by_actor_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    transfer_request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    answer = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    by_actor_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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

            migrationBuilder.Sql("CREATE TRIGGER transfer_requests_append_only BEFORE UPDATE OR DELETE ON transfer_requests FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();");
            migrationBuilder.Sql("CREATE TRIGGER transfer_decisions_append_only BEFORE UPDATE OR DELETE ON transfer_decisions FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS transfer_requests_append_only ON transfer_requests;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS transfer_decisions_append_only ON transfer_decisions;");

            migrationBuilder.DropTable(
                name: "transfer_decisions");

            migrationBuilder.DropTable(
                name: "transfer_requests");
        }
    }
}
