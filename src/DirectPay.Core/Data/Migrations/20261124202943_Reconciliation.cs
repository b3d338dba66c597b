using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class Reconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bank_statements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    bank_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    value_date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    direction = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bank_reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_statements", x => x.id);
                    table.CheckConstraint("ck_bank_statements_amount", "amount > 0");
                    table.CheckConstraint("ck_bank_statements_direction", "direction IN ('credit', 'debit')");
                    table.CheckConstraint("ck_bank_statements_source", "source IN ('simulated_bank', 'imported')");
                    table.ForeignKey(
                        name: "fk_bank_statements_bank_accounts_bank_account_id",
                        column: x => x.bank_account_id,
                        principalTable: "bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reconciliation_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    matched = table.Column<int>(type: "integer", nullable: false),
                    unmatched_statement_lines = table.Column<int>(type: "integer", nullable: false),
                    missing_from_statement = table.Column<int>(type: "integer", nullable: false),
                    amount_mismatches = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciliation_runs", x => x.id);
                    table.CheckConstraint("ck_reconciliation_runs_status", "status IN ('requested', 'running', 'completed')");
                });

            migrationBuilder.CreateTable(
                name: "reconciliation_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bank_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    direction = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ledger_entry_id = table.Column<long>(type: "bigint", nullable: true),
                    booked_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    statement_line_id = table.Column<Guid>(type: "uuid", nullable: true),
                    statement_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciliation_items", x => x.id);
                    table.CheckConstraint("ck_reconciliation_items_direction", "direction IN ('credit', 'debit')");
                    table.CheckConstraint("ck_reconciliation_items_outcome", "outcome IN ('matched', 'unmatched_statement_line', 'missing_from_statement', 'amount_mismatch')");
                    table.ForeignKey(
                        name: "fk_reconciliation_items_reconciliation_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "reconciliation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bank_statements_bank_account_id_bank_reference",
                table: "bank_statements",
                columns: new[] { "bank_account_id", "bank_reference" });

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_items_run_id_outcome",
                table: "reconciliation_items",
                columns: new[] { "run_id", "outcome" });

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_runs_status_created_at",
                table: "reconciliation_runs",
                columns: new[] { "status", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bank_statements");

            migrationBuilder.DropTable(
                name: "reconciliation_items");

            migrationBuilder.DropTable(
                name: "reconciliation_runs");
        }
    }
}
