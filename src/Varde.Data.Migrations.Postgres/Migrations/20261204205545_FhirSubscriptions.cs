using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FhirSubscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fhir_subscriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    owner_role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    owner_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    topic = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    patient_filter = table.Column<Guid>(type: "uuid", nullable: true),
                    zone_filter = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    code_filter = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    endpoint = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    server_base = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    header = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    content = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    heartbeat_seconds = table.Column<int>(type: "integer", nullable: true),
                    timeout_seconds = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    events_since_start = table.Column<long>(type: "bigint", nullable: false),
                    matched_through = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fhir_subscriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fhir_subscription_notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    cause = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    event_number = table.Column<long>(type: "bigint", nullable: true),
                    events_so_far = table.Column<long>(type: "bigint", nullable: false),
                    focus_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    focus_id = table.Column<Guid>(type: "uuid", nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_try_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    given_up = table.Column<bool>(type: "boolean", nullable: false),
                    last_status = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fhir_subscription_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_fhir_subscription_notifications_fhir_subscriptions_subscrip~",
                        column: x => x.subscription_id,
                        principalTable: "fhir_subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fhir_subscription_notifications_next_try_at",
                table: "fhir_subscription_notifications",
                column: "next_try_at");

            migrationBuilder.CreateIndex(
                name: "ix_fhir_subscription_notifications_subscription_id_cause",
                table: "fhir_subscription_notifications",
                columns: new[] { "subscription_id", "cause" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fhir_subscriptions_owner_id",
                table: "fhir_subscriptions",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_fhir_subscriptions_status_topic",
                table: "fhir_subscriptions",
                columns: new[] { "status", "topic" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fhir_subscription_notifications");

            migrationBuilder.DropTable(
                name: "fhir_subscriptions");
        }
    }
}
