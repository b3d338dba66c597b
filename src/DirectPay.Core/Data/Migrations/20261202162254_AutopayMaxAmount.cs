using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class AutopayMaxAmount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "max_amount",
                table: "autopay_settings",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            // Settings from before the limit: the most the renter's share of any period is, amendments made so far included.
            migrationBuilder.Sql("""
                UPDATE autopay_settings s SET max_amount = coalesce(
                    (SELECT max(d.rent) FROM rent_dues d WHERE d.lease_id = s.lease_id AND d.renter_id = s.renter_id), 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "max_amount",
                table: "autopay_settings");
        }
    }
}
