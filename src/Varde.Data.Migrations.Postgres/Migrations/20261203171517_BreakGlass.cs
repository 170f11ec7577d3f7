using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    actor_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    actor_role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    actor_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    break_glass_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by_actor_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
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

            migrationBuilder.Sql("CREATE TRIGGER break_glass_accesses_append_only BEFORE UPDATE OR DELETE ON break_glass_accesses FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();");
            migrationBuilder.Sql("CREATE TRIGGER break_glass_reviews_append_only BEFORE UPDATE OR DELETE ON break_glass_reviews FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS break_glass_accesses_append_only ON break_glass_accesses;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS break_glass_reviews_append_only ON break_glass_reviews;");

            migrationBuilder.DropTable(
                name: "break_glass_reviews");

            migrationBuilder.DropTable(
                name: "break_glass_accesses");
        }
    }
}
