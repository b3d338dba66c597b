using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class AchFilesAndEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log");

            migrationBuilder.AddColumn<Guid>(
                name: "ach_file_id",
                table: "payments",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "expected_settlement_date",
                table: "payments",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trace_number",
                table: "payments",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ach_cursors",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    next_trace_sequence = table.Column<int>(type: "integer", nullable: false),
                    collected_through = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ach_cursors", x => x.name);
                    table.CheckConstraint("ck_ach_cursors_next_trace_sequence", "next_trace_sequence BETWEEN 1 AND 9999999");
                });

            migrationBuilder.CreateTable(
                name: "ach_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    direction = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    immediate_origin = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    creation_date = table.Column<DateOnly>(type: "date", nullable: false),
                    file_id_modifier = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    key_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ciphertext = table.Column<byte[]>(type: "bytea", nullable: false),
                    entry_count = table.Column<int>(type: "integer", nullable: false),
                    total_debit = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    total_credit = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bank_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    problem = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    unmatched_entries = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ach_files", x => x.id);
                    table.CheckConstraint("ck_ach_files_direction", "direction IN ('sent', 'received')");
                    table.CheckConstraint("ck_ach_files_kind", "kind IN ('origination', 'returns', 'notifications_of_change')");
                    table.CheckConstraint("ck_ach_files_state", "state IN ('recorded', 'acknowledged', 'refused', 'applied')");
                });

            migrationBuilder.CreateTable(
                name: "ach_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bank_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    debit = table.Column<bool>(type: "boolean", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    cutoff_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    effective_date = table.Column<DateOnly>(type: "date", nullable: false),
                    settlement_date = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ach_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    batch_number = table.Column<int>(type: "integer", nullable: true),
                    trace_number = table.Column<string>(type: "character(15)", fixedLength: true, maxLength: 15, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ach_entries", x => x.id);
                    table.CheckConstraint("ck_ach_entries_in_file", "(state <> 'queued' OR ach_file_id IS NULL) AND (state <> 'in_file' OR (ach_file_id IS NOT NULL AND trace_number IS NOT NULL AND batch_number IS NOT NULL))");
                    table.CheckConstraint("ck_ach_entries_state", "state IN ('queued', 'in_file', 'refused')");
                    table.ForeignKey(
                        name: "fk_ach_entries_ach_files_ach_file_id",
                        column: x => x.ach_file_id,
                        principalTable: "ach_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ach_entries_bank_accounts_bank_account_id",
                        column: x => x.bank_account_id,
                        principalTable: "bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ach_entries_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "ach_cursors",
                columns: new[] { "name", "collected_through", "next_trace_sequence" },
                values: new object[,]
                {
                    { "collection", null, 1 },
                    { "origination", null, 1 }
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_ach_file_id",
                table: "payments",
                column: "ach_file_id",
                filter: "ach_file_id IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log",
                sql: "action IN ('created', 'updated', 'deleted', 'disclosed')");

            migrationBuilder.CreateIndex(
                name: "ix_ach_entries_ach_file_id",
                table: "ach_entries",
                column: "ach_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_ach_entries_bank_account_id",
                table: "ach_entries",
                column: "bank_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_ach_entries_cutoff_at",
                table: "ach_entries",
                column: "cutoff_at",
                filter: "state = 'queued'");

            migrationBuilder.CreateIndex(
                name: "ix_ach_entries_payment_id",
                table: "ach_entries",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_ach_entries_trace_number",
                table: "ach_entries",
                column: "trace_number");

            migrationBuilder.CreateIndex(
                name: "ix_ach_files_bank_file_id",
                table: "ach_files",
                column: "bank_file_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ach_files_created_at",
                table: "ach_files",
                column: "created_at",
                filter: "state = 'recorded'");

            migrationBuilder.CreateIndex(
                name: "ix_ach_files_direction_immediate_origin_creation_date_file_id_",
                table: "ach_files",
                columns: new[] { "direction", "immediate_origin", "creation_date", "file_id_modifier" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ach_cursors");

            migrationBuilder.DropTable(
                name: "ach_entries");

            migrationBuilder.DropTable(
                name: "ach_files");

            migrationBuilder.DropIndex(
                name: "ix_payments_ach_file_id",
                table: "payments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "ach_file_id",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "expected_settlement_date",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "trace_number",
                table: "payments");

            migrationBuilder.AddCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log",
                sql: "action IN ('created', 'updated', 'deleted')");
        }
    }
}
