using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_admin_audit_at",
                table: "admin_audit");

            migrationBuilder.AlterColumn<Guid>(
                name: "patient_id",
                table: "access_log",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<string>(
                name: "request",
                table: "access_log",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_seals",
                columns: table => new
                {
                    log = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sealed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_seals", x => new { x.log, x.seq });
                });

            migrationBuilder.CreateIndex(
                name: "ix_admin_audit_at_id",
                table: "admin_audit",
                columns: new[] { "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_access_log_at_id",
                table: "access_log",
                columns: new[] { "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_seals_log_entry_id",
                table: "audit_seals",
                columns: new[] { "log", "entry_id" },
                unique: true);

            migrationBuilder.Sql("CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_seals");

            migrationBuilder.DropIndex(
                name: "ix_admin_audit_at_id",
                table: "admin_audit");

            migrationBuilder.DropIndex(
                name: "ix_access_log_at_id",
                table: "access_log");

            migrationBuilder.DropColumn(
                name: "request",
                table: "access_log");

            migrationBuilder.AlterColumn<Guid>(
                name: "patient_id",
                table: "access_log",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_admin_audit_at",
                table: "admin_audit",
                column: "at");
        }
    }
}
