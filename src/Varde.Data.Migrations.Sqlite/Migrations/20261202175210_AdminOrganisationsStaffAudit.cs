using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AdminOrganisationsStaffAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "deactivated_at",
                table: "staff_members",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "deactivated_at",
                table: "organisations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "organisation_number",
                table: "organisations",
                type: "TEXT",
                maxLength: 9,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "admin_audit",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    entity_kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    entity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    before = table.Column<string>(type: "TEXT", nullable: true),
                    after = table.Column<string>(type: "TEXT", nullable: true)
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

            migrationBuilder.Sql("CREATE TRIGGER admin_audit_no_update BEFORE UPDATE ON admin_audit BEGIN SELECT RAISE(ABORT, 'admin_audit is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER admin_audit_no_delete BEFORE DELETE ON admin_audit BEGIN SELECT RAISE(ABORT, 'admin_audit is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS admin_audit_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS admin_audit_no_delete;");

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
