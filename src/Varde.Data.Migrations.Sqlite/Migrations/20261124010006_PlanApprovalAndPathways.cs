using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    referral_source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    referred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    checklist = table.Column<string>(type: "TEXT", nullable: true),
                    start_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decline_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    information_sent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    home_visit_at = table.Column<long>(type: "INTEGER", nullable: true),
                    training_at = table.Column<long>(type: "INTEGER", nullable: true),
                    equipment = table.Column<string>(type: "TEXT", nullable: false),
                    trial_started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    trial_ends_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    activated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    evaluations = table.Column<string>(type: "TEXT", nullable: false),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    end_reason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    end_note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    history = table.Column<string>(type: "TEXT", nullable: false)
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
                    plan_version_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    approved_at = table.Column<long>(type: "INTEGER", nullable: false)
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
            migrationBuilder.Sql("CREATE TRIGGER plan_approvals_no_update BEFORE UPDATE ON plan_approvals BEGIN SELECT RAISE(ABORT, 'plan_approvals is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER plan_approvals_no_delete BEFORE DELETE ON plan_approvals BEGIN SELECT RAISE(ABORT, 'plan_approvals is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS plan_approvals_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS plan_approvals_no_delete;");

            migrationBuilder.DropTable(
                name: "pathways");

            migrationBuilder.DropTable(
                name: "plan_approvals");
        }
    }
}
