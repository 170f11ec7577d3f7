using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PatientCareChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The one department a patient was shared with becomes the first of their departments.
            migrationBuilder.AddColumn<Guid[]>(
                name: "shared_with_department_ids",
                table: "patients",
                type: "uuid[]",
                nullable: false,
                defaultValue: new Guid[0]);

            migrationBuilder.Sql("UPDATE patients SET shared_with_department_ids = ARRAY[shared_with_department_id] WHERE shared_with_department_id IS NOT NULL;");

            migrationBuilder.DropForeignKey(
                name: "fk_patients_organisations_shared_with_department_id",
                table: "patients");

            migrationBuilder.DropIndex(
                name: "ix_patients_shared_with_department_id",
                table: "patients");

            migrationBuilder.DropColumn(
                name: "shared_with_department_id",
                table: "patients");

            migrationBuilder.CreateTable(
                name: "patient_care_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by_actor_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    from_id = table.Column<Guid>(type: "uuid", nullable: true),
                    to_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patient_care_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_patient_care_changes_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_patient_care_changes_patient_id_at",
                table: "patient_care_changes",
                columns: new[] { "patient_id", "at" });

            migrationBuilder.Sql("CREATE TRIGGER patient_care_changes_append_only BEFORE UPDATE OR DELETE ON patient_care_changes FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "patient_care_changes");

            migrationBuilder.DropColumn(
                name: "shared_with_department_ids",
                table: "patients");

            migrationBuilder.AddColumn<Guid>(
                name: "shared_with_department_id",
                table: "patients",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_patients_shared_with_department_id",
                table: "patients",
                column: "shared_with_department_id");

            migrationBuilder.AddForeignKey(
                name: "fk_patients_organisations_shared_with_department_id",
                table: "patients",
                column: "shared_with_department_id",
                principalTable: "organisations",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
