using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Population : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "population_counts",
                columns: table => new
                {
                    municipality_number = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 4, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    sex = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    age_group = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_population_counts", x => new { x.year, x.municipality_number, x.sex, x.age_group });
                });

            migrationBuilder.CreateTable(
                name: "population_imports",
                columns: table => new
                {
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    imported_at = table.Column<long>(type: "INTEGER", nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    municipalities = table.Column<int>(type: "INTEGER", nullable: false),
                    inhabitants = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_population_imports", x => x.year);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "population_counts");

            migrationBuilder.DropTable(
                name: "population_imports");
        }
    }
}
