using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class RefundCreditsComeBack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_refunds_status",
                table: "refunds");

            migrationBuilder.DropCheckConstraint(
                name: "ck_refund_events_new_status",
                table: "refund_events");

            migrationBuilder.DropIndex(
                name: "ix_payout_items_refund_id",
                table: "payout_items");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payout_items_kind",
                table: "payout_items");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payout_items_source",
                table: "payout_items");

            migrationBuilder.AddCheckConstraint(
                name: "ck_refunds_status",
                table: "refunds",
                sql: "status IN ('pending', 'processing', 'completed', 'failed', 'returned')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_refund_events_new_status",
                table: "refund_events",
                sql: "new_status IN ('pending', 'processing', 'completed', 'failed', 'returned')");

            migrationBuilder.CreateIndex(
                name: "ix_payout_items_refund_id_kind",
                table: "payout_items",
                columns: new[] { "refund_id", "kind" },
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_payout_items_kind",
                table: "payout_items",
                sql: "kind IN ('collection', 'return', 'refund', 'payout_returned', 'refund_returned')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payout_items_source",
                table: "payout_items",
                sql: "(kind IN ('collection', 'return') AND payment_id IS NOT NULL AND refund_id IS NULL AND returned_payout_id IS NULL) OR (kind IN ('refund', 'refund_returned') AND payment_id IS NOT NULL AND refund_id IS NOT NULL AND returned_payout_id IS NULL) OR (kind = 'payout_returned' AND returned_payout_id IS NOT NULL AND payment_id IS NULL AND refund_id IS NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_refunds_status",
                table: "refunds");

            migrationBuilder.DropCheckConstraint(
                name: "ck_refund_events_new_status",
                table: "refund_events");

            migrationBuilder.DropIndex(
                name: "ix_payout_items_refund_id_kind",
                table: "payout_items");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payout_items_kind",
                table: "payout_items");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payout_items_source",
                table: "payout_items");

            migrationBuilder.AddCheckConstraint(
                name: "ck_refunds_status",
                table: "refunds",
                sql: "status IN ('pending', 'processing', 'completed', 'failed')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_refund_events_new_status",
                table: "refund_events",
                sql: "new_status IN ('pending', 'processing', 'completed', 'failed')");

            migrationBuilder.CreateIndex(
                name: "ix_payout_items_refund_id",
                table: "payout_items",
                column: "refund_id",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_payout_items_kind",
                table: "payout_items",
                sql: "kind IN ('collection', 'return', 'refund', 'payout_returned')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payout_items_source",
                table: "payout_items",
                sql: "(kind IN ('collection', 'return') AND payment_id IS NOT NULL AND refund_id IS NULL AND returned_payout_id IS NULL) OR (kind = 'refund' AND payment_id IS NOT NULL AND refund_id IS NOT NULL AND returned_payout_id IS NULL) OR (kind = 'payout_returned' AND returned_payout_id IS NOT NULL AND payment_id IS NULL AND refund_id IS NULL)");
        }
    }
}
