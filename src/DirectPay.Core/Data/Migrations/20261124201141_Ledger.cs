using System;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bank_account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    rail = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    balance = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_accounts", x => x.id);
                    table.CheckConstraint("ck_ledger_accounts_kind", "kind IN ('bank_account', 'rail_clearing')");
                    table.CheckConstraint("ck_ledger_accounts_owner", "(kind = 'bank_account' AND bank_account_id IS NOT NULL AND rail IS NULL) OR (kind = 'rail_clearing' AND rail IS NOT NULL AND bank_account_id IS NULL)");
                    table.ForeignKey(
                        name: "fk_ledger_accounts_bank_accounts_bank_account_id",
                        column: x => x.bank_account_id,
                        principalTable: "bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    transaction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ledger_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    source_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entries", x => x.id);
                    table.CheckConstraint("ck_ledger_entries_amount", "amount <> 0");
                    table.ForeignKey(
                        name: "fk_ledger_entries_ledger_accounts_ledger_account_id",
                        column: x => x.ledger_account_id,
                        principalTable: "ledger_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_accounts_bank_account_id",
                table: "ledger_accounts",
                column: "bank_account_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_accounts_rail",
                table: "ledger_accounts",
                column: "rail",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_ledger_account_id_id",
                table: "ledger_entries",
                columns: new[] { "ledger_account_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_source_type_source_id",
                table: "ledger_entries",
                columns: new[] { "source_type", "source_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_transaction_id",
                table: "ledger_entries",
                column: "transaction_id");

            // The rails' clearing accounts, a ledger account for every existing bank account, and the postings of
            // payments completed before the ledger existed: the books balance from the first day.
            var clearing = string.Join(",\n", Enum.GetValues<PaymentRail>().Select(rail =>
                $"('{LedgerAccount.ClearingId(rail)}', 'rail_clearing', NULL, '{SnakeCaseEnum<PaymentRail>.ToText[rail]}', 0, now(), now())"));
            migrationBuilder.Sql($"""
                INSERT INTO ledger_accounts (id, kind, bank_account_id, rail, balance, created_at, updated_at) VALUES
                {clearing};
                INSERT INTO ledger_accounts (id, kind, bank_account_id, rail, balance, created_at, updated_at)
                SELECT gen_random_uuid(), 'bank_account', id, NULL, 0, now(), now() FROM bank_accounts;
                WITH settled AS MATERIALIZED (
                    SELECT p.id, p.amount, gen_random_uuid() AS tx, payer.id AS payer, payee.id AS payee, clearing.id AS clearing
                    FROM payments p
                    JOIN ledger_accounts payer ON payer.bank_account_id = p.payer_account_id
                    JOIN ledger_accounts payee ON payee.bank_account_id = p.payee_account_id
                    JOIN ledger_accounts clearing ON clearing.rail = p.rail
                    WHERE p.status = 'completed')
                INSERT INTO ledger_entries (transaction_id, ledger_account_id, amount, source_type, source_id, description, created_at)
                SELECT tx, payer, -amount, 'payment', id, 'Rent payment settled', now() FROM settled
                UNION ALL SELECT tx, clearing, amount, 'payment', id, 'Rent payment settled', now() FROM settled
                UNION ALL SELECT tx, clearing, -amount, 'payment', id, 'Rent payment settled', now() FROM settled
                UNION ALL SELECT tx, payee, amount, 'payment', id, 'Rent payment settled', now() FROM settled;
                UPDATE ledger_accounts a SET balance = coalesce((SELECT sum(e.amount) FROM ledger_entries e WHERE e.ledger_account_id = a.id), 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "ledger_accounts");
        }
    }
}
