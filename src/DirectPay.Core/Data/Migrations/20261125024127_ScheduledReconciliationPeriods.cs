using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScheduledReconciliationPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "scheduled_for",
                table: "reconciliation_runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ux_reconciliation_runs_scheduled_for",
                table: "reconciliation_runs",
                column: "scheduled_for",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_reconciliation_runs_scheduled_for",
                table: "reconciliation_runs");

            migrationBuilder.DropColumn(
                name: "scheduled_for",
                table: "reconciliation_runs");
        }
    }
}
