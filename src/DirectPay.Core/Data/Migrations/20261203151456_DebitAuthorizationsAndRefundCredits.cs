using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class DebitAuthorizationsAndRefundCredits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_ach_entries_purpose",
                table: "ach_entries");

            migrationBuilder.AddColumn<Guid>(
                name: "authorization_id",
                table: "payments",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "refund_id",
                table: "ach_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "debit_authorizations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    renter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lease_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bank_account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    version = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    agreed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ip_address = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                    user_agent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_debit_authorizations", x => x.id);
                    table.CheckConstraint("ck_debit_authorizations_kind", "kind IN ('single', 'recurring')");
                    table.ForeignKey(
                        name: "fk_debit_authorizations_bank_accounts_bank_account_id",
                        column: x => x.bank_account_id,
                        principalTable: "bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_debit_authorizations_leases_lease_id",
                        column: x => x.lease_id,
                        principalTable: "leases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_debit_authorizations_users_renter_id",
                        column: x => x.renter_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_authorization_id",
                table: "payments",
                column: "authorization_id");

            migrationBuilder.CreateIndex(
                name: "ix_ach_entries_refund_id",
                table: "ach_entries",
                column: "refund_id",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_ach_entries_purpose",
                table: "ach_entries",
                sql: "(payment_id IS NOT NULL AND payout_id IS NULL AND refund_id IS NULL AND debit) OR (payout_id IS NOT NULL AND payment_id IS NULL AND refund_id IS NULL AND NOT debit) OR (refund_id IS NOT NULL AND payment_id IS NULL AND payout_id IS NULL AND NOT debit)");

            migrationBuilder.CreateIndex(
                name: "ix_debit_authorizations_bank_account_id",
                table: "debit_authorizations",
                column: "bank_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_debit_authorizations_lease_id_renter_id",
                table: "debit_authorizations",
                columns: new[] { "lease_id", "renter_id" },
                filter: "kind = 'recurring' AND revoked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_debit_authorizations_renter_id",
                table: "debit_authorizations",
                column: "renter_id");

            migrationBuilder.AddForeignKey(
                name: "fk_ach_entries_refunds_refund_id",
                table: "ach_entries",
                column: "refund_id",
                principalTable: "refunds",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_payments_debit_authorizations_authorization_id",
                table: "payments",
                column: "authorization_id",
                principalTable: "debit_authorizations",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Refund credits go with their column (the purpose rule before this knew only payments and payouts).
            migrationBuilder.Sql("DELETE FROM ach_entries WHERE refund_id IS NOT NULL");

            migrationBuilder.DropForeignKey(
                name: "fk_ach_entries_refunds_refund_id",
                table: "ach_entries");

            migrationBuilder.DropForeignKey(
                name: "fk_payments_debit_authorizations_authorization_id",
                table: "payments");

            migrationBuilder.DropTable(
                name: "debit_authorizations");

            migrationBuilder.DropIndex(
                name: "ix_payments_authorization_id",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_ach_entries_refund_id",
                table: "ach_entries");

            migrationBuilder.DropCheckConstraint(
                name: "ck_ach_entries_purpose",
                table: "ach_entries");

            migrationBuilder.DropColumn(
                name: "authorization_id",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "refund_id",
                table: "ach_entries");

            migrationBuilder.AddCheckConstraint(
                name: "ck_ach_entries_purpose",
                table: "ach_entries",
                sql: "(payment_id IS NOT NULL AND payout_id IS NULL AND debit) OR (payout_id IS NOT NULL AND payment_id IS NULL AND NOT debit)");
        }
    }
}
