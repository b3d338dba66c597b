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
                name: "accounts",
                columns: table => new
                {
                    routing_number = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    account_number = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    balance = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    debits_received = table.Column<int>(type: "integer", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => new { x.routing_number, x.account_number });
                });

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
                name: "postings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    routing_number = table.Column<string>(type: "text", nullable: false),
                    account_number = table.Column<string>(type: "text", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    booked_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    description = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_postings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "processing_state",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    processed_through = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_reply_sequence = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_processing_state", x => x.id);
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
                    batch_number = table.Column<int>(type: "integer", nullable: false),
                    trace_number = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    transaction_code = table.Column<int>(type: "integer", nullable: false),
                    sec_code = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    company_name = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    company_identification = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    entry_description = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    routing_number = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    account_number = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    identification_number = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    receiver_name = table.Column<string>(type: "character varying(22)", maxLength: 22, nullable: false),
                    effective_date = table.Column<DateOnly>(type: "date", nullable: false),
                    settlement_date = table.Column<DateOnly>(type: "date", nullable: false),
                    settles_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    posted_to_receiver = table.Column<bool>(type: "boolean", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "scheduled_replies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    corrected_data = table.Column<string>(type: "character varying(29)", maxLength: 29, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    outbound_file_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_replies", x => x.id);
                    table.ForeignKey(
                        name: "fk_scheduled_replies_outbound_files_outbound_file_id",
                        column: x => x.outbound_file_id,
                        principalTable: "outbound_files",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_scheduled_replies_received_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "received_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "processing_state",
                columns: new[] { "id", "next_reply_sequence", "processed_through" },
                values: new object[] { 1, 1, new DateTimeOffset(new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) });

            migrationBuilder.CreateIndex(
                name: "ix_outbound_files_created_at",
                table: "outbound_files",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_postings_routing_number_account_number_booked_on",
                table: "postings",
                columns: new[] { "routing_number", "account_number", "booked_on" });

            migrationBuilder.CreateIndex(
                name: "ix_received_entries_file_id_trace_number",
                table: "received_entries",
                columns: new[] { "file_id", "trace_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_received_entries_status_settles_at",
                table: "received_entries",
                columns: new[] { "status", "settles_at" });

            migrationBuilder.CreateIndex(
                name: "ix_received_entries_trace_number",
                table: "received_entries",
                column: "trace_number");

            migrationBuilder.CreateIndex(
                name: "ix_received_files_immediate_origin_creation_date_file_id_modif",
                table: "received_files",
                columns: new[] { "immediate_origin", "creation_date", "file_id_modifier" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_replies_due_at",
                table: "scheduled_replies",
                column: "due_at",
                filter: "outbound_file_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_replies_entry_id",
                table: "scheduled_replies",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_replies_outbound_file_id",
                table: "scheduled_replies",
                column: "outbound_file_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "postings");

            migrationBuilder.DropTable(
                name: "processing_state");

            migrationBuilder.DropTable(
                name: "scheduled_replies");

            migrationBuilder.DropTable(
                name: "outbound_files");

            migrationBuilder.DropTable(
                name: "received_entries");

            migrationBuilder.DropTable(
                name: "received_files");
        }
    }
}
