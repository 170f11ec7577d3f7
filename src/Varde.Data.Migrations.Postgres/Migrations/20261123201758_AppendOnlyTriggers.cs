using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AppendOnlyTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION varde_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
                END $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER measurements_append_only BEFORE UPDATE OR DELETE ON measurements FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();");
            migrationBuilder.Sql("CREATE TRIGGER plan_versions_append_only BEFORE UPDATE OR DELETE ON plan_versions FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();");
            migrationBuilder.Sql("CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS measurements_append_only ON measurements;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS plan_versions_append_only ON plan_versions;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS access_log_append_only ON access_log;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS varde_refuse_change();");
        }
    }
}
