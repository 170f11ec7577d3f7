using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AppendOnlyTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE TRIGGER measurements_no_update BEFORE UPDATE ON measurements BEGIN SELECT RAISE(ABORT, 'measurements is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER measurements_no_delete BEFORE DELETE ON measurements BEGIN SELECT RAISE(ABORT, 'measurements is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions BEGIN SELECT RAISE(ABORT, 'plan_versions is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions BEGIN SELECT RAISE(ABORT, 'plan_versions is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS measurements_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS measurements_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS plan_versions_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS plan_versions_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS access_log_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS access_log_no_delete;");
        }
    }
}
