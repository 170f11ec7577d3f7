using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Relatives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "relatives",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    relation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    phone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    email = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    identity_number = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    invited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    invited_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sign_in_code_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    code_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_sign_in_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relatives", x => x.id);
                    table.ForeignKey(
                        name: "fk_relatives_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "relative_consents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    relative_id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    permissions = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by_actor_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    by_role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    basis = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relative_consents", x => x.id);
                    table.ForeignKey(
                        name: "fk_relative_consents_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_relative_consents_relatives_relative_id",
                        column: x => x.relative_id,
                        principalTable: "relatives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_relative_consents_patient_id",
                table: "relative_consents",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_relative_consents_relative_id_sequence",
                table: "relative_consents",
                columns: new[] { "relative_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_relatives_identity_number",
                table: "relatives",
                column: "identity_number");

            migrationBuilder.CreateIndex(
                name: "ix_relatives_patient_id",
                table: "relatives",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_relatives_sign_in_code_hash",
                table: "relatives",
                column: "sign_in_code_hash",
                unique: true);

            migrationBuilder.Sql("CREATE TRIGGER relative_consents_append_only BEFORE UPDATE OR DELETE ON relative_consents FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS relative_consents_append_only ON relative_consents;");

            migrationBuilder.DropTable(
                name: "relative_consents");

            migrationBuilder.DropTable(
                name: "relatives");
        }
    }
}
