using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    relation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    identity_number = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    invited_at = table.Column<long>(type: "INTEGER", nullable: false),
                    invited_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    sign_in_code_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    code_expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_sign_in_at = table.Column<long>(type: "INTEGER", nullable: true)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    relative_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    permissions = table.Column<int>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    by_actor_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    by_role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    basis = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
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

            migrationBuilder.Sql("CREATE TRIGGER relative_consents_no_update BEFORE UPDATE ON relative_consents BEGIN SELECT RAISE(ABORT, 'relative_consents is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER relative_consents_no_delete BEFORE DELETE ON relative_consents BEGIN SELECT RAISE(ABORT, 'relative_consents is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS relative_consents_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS relative_consents_no_delete;");

            migrationBuilder.DropTable(
                name: "relative_consents");

            migrationBuilder.DropTable(
                name: "relatives");
        }
    }
}
