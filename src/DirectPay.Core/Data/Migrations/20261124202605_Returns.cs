using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class Returns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_simulated_bank_accounts_balance",
                table: "simulated_bank_accounts");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payments_status",
                table: "payments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payment_events_new_status",
                table: "payment_events");

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
                name: "ck_payments_status",
                table: "payments",
                sql: "status IN ('pending', 'processing', 'completed', 'failed', 'refunded', 'returned')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payment_events_new_status",
                table: "payment_events",
                sql: "new_status IN ('pending', 'processing', 'completed', 'failed', 'refunded', 'returned')");

            migrationBuilder.CreateIndex(
                name: "ix_simulated_bank_returns_due_at",
                table: "simulated_bank_returns",
                column: "due_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "simulated_bank_returns");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payments_status",
                table: "payments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payment_events_new_status",
                table: "payment_events");

            migrationBuilder.AddCheckConstraint(
                name: "ck_simulated_bank_accounts_balance",
                table: "simulated_bank_accounts",
                sql: "balance >= 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payments_status",
                table: "payments",
                sql: "status IN ('pending', 'processing', 'completed', 'failed', 'refunded')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payment_events_new_status",
                table: "payment_events",
                sql: "new_status IN ('pending', 'processing', 'completed', 'failed', 'refunded')");
        }
    }
}
