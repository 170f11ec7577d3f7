using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PatientContact : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "contact_changed_at",
                table: "patients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "next_of_kin_name",
                table: "patients",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "next_of_kin_phone",
                table: "patients",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "next_of_kin_relation",
                table: "patients",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "other_phone",
                table: "patients",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone",
                table: "patients",
                type: "TEXT",
                maxLength: 30,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "contact_changed_at",
                table: "patients");

            migrationBuilder.DropColumn(
                name: "next_of_kin_name",
                table: "patients");

            migrationBuilder.DropColumn(
                name: "next_of_kin_phone",
                table: "patients");

            migrationBuilder.DropColumn(
                name: "next_of_kin_relation",
                table: "patients");

            migrationBuilder.DropColumn(
                name: "other_phone",
                table: "patients");

            migrationBuilder.DropColumn(
                name: "phone",
                table: "patients");
        }
    }
}
