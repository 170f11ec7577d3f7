using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "request",
                table: "access_log",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_seals",
                columns: table => new
                {
                    log = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    entry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entry_at = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sealed_at = table.Column<long>(type: "INTEGER", nullable: false)
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
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_admin_audit_at",
                table: "admin_audit",
                column: "at");

        }
    }
}
