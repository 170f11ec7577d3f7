using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BreakGlass : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "break_glass_accesses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    actor_role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    actor_organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    until = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_break_glass_accesses", x => x.id);
                    table.ForeignKey(
                        name: "fk_break_glass_accesses_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "break_glass_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    break_glass_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    by_actor_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_break_glass_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_break_glass_reviews_break_glass_accesses_break_glass_id",
                        column: x => x.break_glass_id,
                        principalTable: "break_glass_accesses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_break_glass_accesses_actor_id_patient_id_until",
                table: "break_glass_accesses",
                columns: new[] { "actor_id", "patient_id", "until" });

            migrationBuilder.CreateIndex(
                name: "ix_break_glass_accesses_at",
                table: "break_glass_accesses",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_break_glass_accesses_patient_id",
                table: "break_glass_accesses",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_break_glass_reviews_break_glass_id",
                table: "break_glass_reviews",
                column: "break_glass_id");

            migrationBuilder.Sql("CREATE TRIGGER break_glass_accesses_no_update BEFORE UPDATE ON break_glass_accesses BEGIN SELECT RAISE(ABORT, 'break_glass_accesses is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER break_glass_accesses_no_delete BEFORE DELETE ON break_glass_accesses BEGIN SELECT RAISE(ABORT, 'break_glass_accesses is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER break_glass_reviews_no_update BEFORE UPDATE ON break_glass_reviews BEGIN SELECT RAISE(ABORT, 'break_glass_reviews is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER break_glass_reviews_no_delete BEFORE DELETE ON break_glass_reviews BEGIN SELECT RAISE(ABORT, 'break_glass_reviews is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS break_glass_accesses_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS break_glass_accesses_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS break_glass_reviews_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS break_glass_reviews_no_delete;");

            migrationBuilder.DropTable(
                name: "break_glass_reviews");

            migrationBuilder.DropTable(
                name: "break_glass_accesses");
        }
    }
}
