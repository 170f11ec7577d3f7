using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PlanApprovalAndPathways : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pathways",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    referral_source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    referred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    checklist = table.Column<string>(type: "text", nullable: true),
                    start_date = table.Column<DateOnly>(type: "date", nullable: true),
                    decline_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    information_sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    home_visit_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    training_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    equipment = table.Column<string>(type: "text", nullable: false),
                    trial_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    trial_ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    activated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    evaluations = table.Column<string>(type: "text", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    end_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    history = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pathways", x => x.id);
                    table.ForeignKey(
                        name: "fk_pathways_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_approvals",
                columns: table => new
                {
                    plan_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    approved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_approvals", x => x.plan_version_id);
                    table.ForeignKey(
                        name: "fk_plan_approvals_plan_versions_plan_version_id",
                        column: x => x.plan_version_id,
                        principalTable: "plan_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_pathways_patient_id",
                table: "pathways",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_pathways_state",
                table: "pathways",
                column: "state");

            // Versions made before approval existed were in force as soon as they were made: record them as approved then, by their author.
            migrationBuilder.Sql("INSERT INTO plan_approvals (plan_version_id, approved_by, approved_at) SELECT id, created_by, created_at FROM plan_versions;");
            migrationBuilder.Sql("CREATE TRIGGER plan_approvals_append_only BEFORE UPDATE OR DELETE ON plan_approvals FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS plan_approvals_append_only ON plan_approvals;");

            migrationBuilder.DropTable(
                name: "pathways");

            migrationBuilder.DropTable(
                name: "plan_approvals");
        }
    }
}
