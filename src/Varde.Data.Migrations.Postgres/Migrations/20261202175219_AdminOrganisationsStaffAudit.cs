using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AdminOrganisationsStaffAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deactivated_at",
                table: "staff_members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deactivated_at",
                table: "organisations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "organisation_number",
                table: "organisations",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "admin_audit",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    entity_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    before = table.Column<string>(type: "text", nullable: true),
                    after = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_admin_audit", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_staff_members_hpr_number",
                table: "staff_members",
                column: "hpr_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_admin_audit_actor_id_at",
                table: "admin_audit",
                columns: new[] { "actor_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_admin_audit_at",
                table: "admin_audit",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_admin_audit_entity_kind_entity_id_at",
                table: "admin_audit",
                columns: new[] { "entity_kind", "entity_id", "at" });

            migrationBuilder.Sql("CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON admin_audit FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS admin_audit_append_only ON admin_audit;");

            migrationBuilder.DropTable(
                name: "admin_audit");

            migrationBuilder.DropIndex(
                name: "ix_staff_members_hpr_number",
                table: "staff_members");

            migrationBuilder.DropColumn(
                name: "deactivated_at",
                table: "staff_members");

            migrationBuilder.DropColumn(
                name: "deactivated_at",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "organisation_number",
                table: "organisations");
        }
    }
}
