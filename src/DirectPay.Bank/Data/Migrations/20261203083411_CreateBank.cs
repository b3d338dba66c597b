using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Bank.Data.Migrations
{
    /// <inheritdoc />
    public partial class CreateBank : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outbound_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbound_files", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "received_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    immediate_origin = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    creation_date = table.Column<DateOnly>(type: "date", nullable: false),
                    file_id_modifier = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    entry_count = table.Column<int>(type: "integer", nullable: false),
                    total_debit = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    total_credit = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_received_files", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "received_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trace_number = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    transaction_code = table.Column<int>(type: "integer", nullable: false),
                    sec_code = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    routing_number = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    account_number = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    effective_date = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_received_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_received_entries_received_files_file_id",
                        column: x => x.file_id,
                        principalTable: "received_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbound_files_created_at",
                table: "outbound_files",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_received_entries_file_id_trace_number",
                table: "received_entries",
                columns: new[] { "file_id", "trace_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_received_entries_status_effective_date",
                table: "received_entries",
                columns: new[] { "status", "effective_date" });

            migrationBuilder.CreateIndex(
                name: "ix_received_files_immediate_origin_creation_date_file_id_modif",
                table: "received_files",
                columns: new[] { "immediate_origin", "creation_date", "file_id_modifier" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outbound_files");

            migrationBuilder.DropTable(
                name: "received_entries");

            migrationBuilder.DropTable(
                name: "received_files");
        }
    }
}
