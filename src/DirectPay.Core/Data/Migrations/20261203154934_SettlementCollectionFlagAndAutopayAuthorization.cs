using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class SettlementCollectionFlagAndAutopayAuthorization : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_debit_authorizations_lease_id_renter_id",
                table: "debit_authorizations");

            migrationBuilder.AddColumn<bool>(
                name: "collected_through_settlement",
                table: "payments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Through the settlement account: payments in a file not completed yet, and those already on a landlord's
            // balance. Payments completed in files before payouts existed were paid to the landlord directly, and stay so.
            migrationBuilder.Sql("""
                UPDATE payments SET collected_through_settlement = true
                WHERE (ach_file_id IS NOT NULL AND status IN ('pending', 'processing'))
                   OR EXISTS (SELECT 1 FROM payout_items i WHERE i.payment_id = payments.id AND i.kind = 'collection')
                """);
            // Should two autopay authorizations be in force for one renter and lease, the older goes.
            migrationBuilder.Sql("""
                UPDATE debit_authorizations a SET revoked_at = now()
                WHERE kind = 'recurring' AND revoked_at IS NULL AND EXISTS (
                    SELECT 1 FROM debit_authorizations b WHERE b.lease_id = a.lease_id AND b.renter_id = a.renter_id
                      AND b.kind = 'recurring' AND b.revoked_at IS NULL AND b.agreed_at > a.agreed_at)
                """);

            migrationBuilder.CreateIndex(
                name: "ux_debit_authorizations_one_active_autopay",
                table: "debit_authorizations",
                columns: new[] { "lease_id", "renter_id" },
                unique: true,
                filter: "kind = 'recurring' AND revoked_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_debit_authorizations_one_active_autopay",
                table: "debit_authorizations");

            migrationBuilder.DropColumn(
                name: "collected_through_settlement",
                table: "payments");

            migrationBuilder.CreateIndex(
                name: "ix_debit_authorizations_lease_id_renter_id",
                table: "debit_authorizations",
                columns: new[] { "lease_id", "renter_id" },
                filter: "kind = 'recurring' AND revoked_at IS NULL");
        }
    }
}
