using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class LateFeesJudgedWhenPeriodsBegin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_rent_dues_due_date",
                table: "rent_dues");

            migrationBuilder.AddColumn<DateOnly>(
                name: "late_after",
                table: "rent_dues",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "paused_on",
                table: "payment_schedules",
                type: "date",
                nullable: true);

            // Existing dues: their due date and the lease's grace today; paused schedules: paused since their last change.
            migrationBuilder.Sql("""
                UPDATE rent_dues d SET late_after = d.due_date + l.policy_grace_days FROM leases l WHERE l.id = d.lease_id;
                UPDATE payment_schedules SET paused_on = (updated_at AT TIME ZONE 'UTC')::date WHERE status = 'paused';
                """);

            migrationBuilder.CreateIndex(
                name: "ix_rent_dues_late_after",
                table: "rent_dues",
                column: "late_after",
                filter: "late_fee_charged_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_rent_dues_late_after",
                table: "rent_dues");

            migrationBuilder.DropColumn(
                name: "late_after",
                table: "rent_dues");

            migrationBuilder.DropColumn(
                name: "paused_on",
                table: "payment_schedules");

            migrationBuilder.CreateIndex(
                name: "ix_rent_dues_due_date",
                table: "rent_dues",
                column: "due_date",
                filter: "late_fee_charged_at IS NULL");
        }
    }
}
