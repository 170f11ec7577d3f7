using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Messages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "message_photos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    bytes = table.Column<byte[]>(type: "BLOB", nullable: false),
                    width = table.Column<int>(type: "INTEGER", nullable: false),
                    height = table.Column<int>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    uploaded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_photos", x => x.id);
                    table.ForeignKey(
                        name: "fk_message_photos_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "patient_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    direction = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    author_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    on_behalf_label = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: false),
                    photo_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patient_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_patient_messages_message_photos_photo_id",
                        column: x => x.photo_id,
                        principalTable: "message_photos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_patient_messages_organisations_service_id",
                        column: x => x.service_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_patient_messages_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "message_handlings",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    handled_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    handled_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_handlings", x => x.message_id);
                    table.ForeignKey(
                        name: "fk_message_handlings_patient_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "patient_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "message_receipts",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    read_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    read_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_receipts", x => x.message_id);
                    table.ForeignKey(
                        name: "fk_message_receipts_patient_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "patient_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_message_photos_patient_id_sha256",
                table: "message_photos",
                columns: new[] { "patient_id", "sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_patient_messages_patient_id_client_id",
                table: "patient_messages",
                columns: new[] { "patient_id", "client_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_patient_messages_patient_id_sent_at",
                table: "patient_messages",
                columns: new[] { "patient_id", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_patient_messages_photo_id",
                table: "patient_messages",
                column: "photo_id");

            migrationBuilder.CreateIndex(
                name: "ix_patient_messages_service_id_direction_sent_at",
                table: "patient_messages",
                columns: new[] { "service_id", "direction", "sent_at" });

            migrationBuilder.Sql("CREATE TRIGGER message_photos_no_update BEFORE UPDATE ON message_photos BEGIN SELECT RAISE(ABORT, 'message_photos is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER message_photos_no_delete BEFORE DELETE ON message_photos BEGIN SELECT RAISE(ABORT, 'message_photos is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER patient_messages_no_update BEFORE UPDATE ON patient_messages BEGIN SELECT RAISE(ABORT, 'patient_messages is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER patient_messages_no_delete BEFORE DELETE ON patient_messages BEGIN SELECT RAISE(ABORT, 'patient_messages is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER message_receipts_no_update BEFORE UPDATE ON message_receipts BEGIN SELECT RAISE(ABORT, 'message_receipts is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER message_receipts_no_delete BEFORE DELETE ON message_receipts BEGIN SELECT RAISE(ABORT, 'message_receipts is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER message_handlings_no_update BEFORE UPDATE ON message_handlings BEGIN SELECT RAISE(ABORT, 'message_handlings is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER message_handlings_no_delete BEFORE DELETE ON message_handlings BEGIN SELECT RAISE(ABORT, 'message_handlings is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS message_photos_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS message_photos_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS patient_messages_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS patient_messages_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS message_receipts_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS message_receipts_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS message_handlings_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS message_handlings_no_delete;");

            migrationBuilder.DropTable(
                name: "message_handlings");

            migrationBuilder.DropTable(
                name: "message_receipts");

            migrationBuilder.DropTable(
                name: "patient_messages");

            migrationBuilder.DropTable(
                name: "message_photos");
        }
    }
}
