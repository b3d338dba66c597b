using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <summary>
    /// The simulated bank's balances and pending returns leave DirectPay's database: the api hands them to the bank
    /// service first (SimulatorHandover). Statement lines the simulator wrote stay as what the bank reported.
    /// </summary>
    public partial class SimulatorLeavesDirectPay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "simulated_bank_accounts");

            migrationBuilder.DropTable(
                name: "simulated_bank_returns");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bank_statements_source",
                table: "bank_statements");

            migrationBuilder.Sql("UPDATE bank_statements SET source = 'bank' WHERE source = 'simulated_bank'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bank_statements_source",
                table: "bank_statements",
                sql: "source IN ('bank', 'imported')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_bank_statements_source",
                table: "bank_statements");

            migrationBuilder.Sql("UPDATE bank_statements SET source = 'simulated_bank' WHERE source = 'bank'");

            migrationBuilder.CreateTable(
                name: "simulated_bank_accounts",
                columns: table => new
                {
                    bank_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    balance = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_simulated_bank_accounts", x => x.bank_account_id);
                    table.ForeignKey(
                        name: "fk_simulated_bank_accounts_bank_accounts_bank_account_id",
                        column: x => x.bank_account_id,
                        principalTable: "bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "simulated_bank_returns",
                columns: table => new
                {
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_simulated_bank_returns", x => x.payment_id);
                    table.ForeignKey(
                        name: "fk_simulated_bank_returns_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_bank_statements_source",
                table: "bank_statements",
                sql: "source IN ('simulated_bank', 'imported')");

            migrationBuilder.CreateIndex(
                name: "ix_simulated_bank_returns_due_at",
                table: "simulated_bank_returns",
                column: "due_at");
        }
    }
}
