using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class Payouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_ledger_accounts_kind",
                table: "ledger_accounts");

            migrationBuilder.DropCheckConstraint(
                name: "ck_ledger_accounts_owner",
                table: "ledger_accounts");

            migrationBuilder.AlterColumn<Guid>(
                name: "payment_id",
                table: "ach_entries",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "payout_id",
                table: "ach_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "payouts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    landlord_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bank_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    expected_settlement_date = table.Column<DateOnly>(type: "date", nullable: true),
                    trace_number = table.Column<string>(type: "character(15)", fixedLength: true, maxLength: 15, nullable: true),
                    ach_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    failure_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    failure_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payouts", x => x.id);
                    table.CheckConstraint("ck_payouts_amount", "amount > 0");
                    table.CheckConstraint("ck_payouts_state", "state IN ('scheduled', 'submitted', 'paid', 'returned', 'failed')");
                    table.ForeignKey(
                        name: "fk_payouts_ach_files_ach_file_id",
                        column: x => x.ach_file_id,
                        principalTable: "ach_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payouts_bank_accounts_bank_account_id",
                        column: x => x.bank_account_id,
                        principalTable: "bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payouts_users_landlord_id",
                        column: x => x.landlord_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payout_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    landlord_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    refund_id = table.Column<Guid>(type: "uuid", nullable: true),
                    returned_payout_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payout_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_items", x => x.id);
                    table.CheckConstraint("ck_payout_items_kind", "kind IN ('collection', 'return', 'refund', 'payout_returned')");
                    table.CheckConstraint("ck_payout_items_source", "(kind IN ('collection', 'return') AND payment_id IS NOT NULL AND refund_id IS NULL AND returned_payout_id IS NULL) OR (kind = 'refund' AND payment_id IS NOT NULL AND refund_id IS NOT NULL AND returned_payout_id IS NULL) OR (kind = 'payout_returned' AND returned_payout_id IS NOT NULL AND payment_id IS NULL AND refund_id IS NULL)");
                    table.ForeignKey(
                        name: "fk_payout_items_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payout_items_payouts_payout_id",
                        column: x => x.payout_id,
                        principalTable: "payouts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payout_items_payouts_returned_payout_id",
                        column: x => x.returned_payout_id,
                        principalTable: "payouts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payout_items_refunds_refund_id",
                        column: x => x.refund_id,
                        principalTable: "refunds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payout_items_users_landlord_id",
                        column: x => x.landlord_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "ach_cursors",
                columns: new[] { "name", "collected_through", "next_trace_sequence" },
                values: new object[] { "payouts", null, 1 });

            migrationBuilder.AddCheckConstraint(
                name: "ck_ledger_accounts_kind",
                table: "ledger_accounts",
                sql: "kind IN ('bank_account', 'rail_clearing', 'settlement')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_ledger_accounts_owner",
                table: "ledger_accounts",
                sql: "(kind = 'bank_account' AND bank_account_id IS NOT NULL AND rail IS NULL) OR (kind = 'rail_clearing' AND rail IS NOT NULL AND bank_account_id IS NULL) OR (kind = 'settlement' AND rail IS NULL AND bank_account_id IS NULL)");

            // DirectPay's settlement account at its bank: ACH collections come in there, payouts and refunds go out.
            migrationBuilder.Sql($"""
                INSERT INTO ledger_accounts (id, kind, bank_account_id, rail, balance, created_at, updated_at)
                VALUES ('{DirectPay.Domain.LedgerAccount.SettlementId}', 'settlement', NULL, NULL, 0, now(), now())
                """);

            migrationBuilder.CreateIndex(
                name: "ix_ach_entries_payout_id",
                table: "ach_entries",
                column: "payout_id",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_ach_entries_purpose",
                table: "ach_entries",
                sql: "(payment_id IS NOT NULL AND payout_id IS NULL AND debit) OR (payout_id IS NOT NULL AND payment_id IS NULL AND NOT debit)");

            migrationBuilder.CreateIndex(
                name: "ix_payout_items_kind_payment_id",
                table: "payout_items",
                columns: new[] { "kind", "payment_id" },
                unique: true,
                filter: "kind IN ('collection', 'return')");

            migrationBuilder.CreateIndex(
                name: "ix_payout_items_landlord_id",
                table: "payout_items",
                column: "landlord_id",
                filter: "payout_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_payout_items_payment_id",
                table: "payout_items",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_payout_items_payout_id",
                table: "payout_items",
                column: "payout_id");

            migrationBuilder.CreateIndex(
                name: "ix_payout_items_refund_id",
                table: "payout_items",
                column: "refund_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payout_items_returned_payout_id",
                table: "payout_items",
                column: "returned_payout_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payouts_ach_file_id",
                table: "payouts",
                column: "ach_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_payouts_bank_account_id",
                table: "payouts",
                column: "bank_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_payouts_landlord_id_business_date",
                table: "payouts",
                columns: new[] { "landlord_id", "business_date" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_ach_entries_payouts_payout_id",
                table: "ach_entries",
                column: "payout_id",
                principalTable: "payouts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Payouts' entries go with them; the settlement account goes only if nothing was ever posted to it (else this fails).
            migrationBuilder.Sql("DELETE FROM ach_entries WHERE payout_id IS NOT NULL");
            migrationBuilder.Sql($"DELETE FROM ledger_accounts WHERE id = '{DirectPay.Domain.LedgerAccount.SettlementId}'");

            migrationBuilder.DropForeignKey(
                name: "fk_ach_entries_payouts_payout_id",
                table: "ach_entries");

            migrationBuilder.DropTable(
                name: "payout_items");

            migrationBuilder.DropTable(
                name: "payouts");

            migrationBuilder.DropCheckConstraint(
                name: "ck_ledger_accounts_kind",
                table: "ledger_accounts");

            migrationBuilder.DropCheckConstraint(
                name: "ck_ledger_accounts_owner",
                table: "ledger_accounts");

            migrationBuilder.DropIndex(
                name: "ix_ach_entries_payout_id",
                table: "ach_entries");

            migrationBuilder.DropCheckConstraint(
                name: "ck_ach_entries_purpose",
                table: "ach_entries");

            migrationBuilder.DeleteData(
                table: "ach_cursors",
                keyColumn: "name",
                keyValue: "payouts");

            migrationBuilder.DropColumn(
                name: "payout_id",
                table: "ach_entries");

            migrationBuilder.AlterColumn<Guid>(
                name: "payment_id",
                table: "ach_entries",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_ledger_accounts_kind",
                table: "ledger_accounts",
                sql: "kind IN ('bank_account', 'rail_clearing')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_ledger_accounts_owner",
                table: "ledger_accounts",
                sql: "(kind = 'bank_account' AND bank_account_id IS NOT NULL AND rail IS NULL) OR (kind = 'rail_clearing' AND rail IS NOT NULL AND bank_account_id IS NULL)");
        }
    }
}
