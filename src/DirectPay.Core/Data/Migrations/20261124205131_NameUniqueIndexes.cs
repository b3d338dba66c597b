using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class NameUniqueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameIndex(
                name: "ix_refund_events_refund_id_sequence",
                table: "refund_events",
                newName: "ux_refund_events_refund_id_sequence");

            migrationBuilder.RenameIndex(
                name: "ix_payment_events_payment_id_sequence",
                table: "payment_events",
                newName: "ux_payment_events_payment_id_sequence");

            migrationBuilder.RenameIndex(
                name: "ix_lease_amendments_lease_id_sequence",
                table: "lease_amendments",
                newName: "ux_lease_amendments_lease_id_sequence");

            migrationBuilder.RenameIndex(
                name: "ix_bank_accounts_user_id1",
                table: "bank_accounts",
                newName: "ux_bank_accounts_one_primary_per_user");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameIndex(
                name: "ux_refund_events_refund_id_sequence",
                table: "refund_events",
                newName: "ix_refund_events_refund_id_sequence");

            migrationBuilder.RenameIndex(
                name: "ux_payment_events_payment_id_sequence",
                table: "payment_events",
                newName: "ix_payment_events_payment_id_sequence");

            migrationBuilder.RenameIndex(
                name: "ux_lease_amendments_lease_id_sequence",
                table: "lease_amendments",
                newName: "ix_lease_amendments_lease_id_sequence");

            migrationBuilder.RenameIndex(
                name: "ux_bank_accounts_one_primary_per_user",
                table: "bank_accounts",
                newName: "ix_bank_accounts_user_id1");
        }
    }
}
