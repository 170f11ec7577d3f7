using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PatientLegalSex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "legal_sex",
                table: "patients",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            // Every stored number carries the legal sex in its ninth digit: odd for men, even for women (issue 21).
            migrationBuilder.Sql(
                "UPDATE patients SET legal_sex = CASE WHEN CAST(substr(identity_number, 9, 1) AS INTEGER) % 2 = 1 THEN 'Male' ELSE 'Female' END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "legal_sex",
                table: "patients");
        }
    }
}
