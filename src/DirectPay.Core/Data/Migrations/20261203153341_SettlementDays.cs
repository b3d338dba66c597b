using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class SettlementDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "asked_settlement_date",
                table: "reconciliation_runs",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "bank_closing_balance",
                table: "reconciliation_runs",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "bank_in",
                table: "reconciliation_runs",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "bank_out",
                table: "reconciliation_runs",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "expected_in",
                table: "reconciliation_runs",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "expected_out",
                table: "reconciliation_runs",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "settlement_date",
                table: "reconciliation_runs",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "return_code",
                table: "ach_entries",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "returned_on",
                table: "ach_entries",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "asked_settlement_date",
                table: "reconciliation_runs");

            migrationBuilder.DropColumn(
                name: "bank_closing_balance",
                table: "reconciliation_runs");

            migrationBuilder.DropColumn(
                name: "bank_in",
                table: "reconciliation_runs");

            migrationBuilder.DropColumn(
                name: "bank_out",
                table: "reconciliation_runs");

            migrationBuilder.DropColumn(
                name: "expected_in",
                table: "reconciliation_runs");

            migrationBuilder.DropColumn(
                name: "expected_out",
                table: "reconciliation_runs");

            migrationBuilder.DropColumn(
                name: "settlement_date",
                table: "reconciliation_runs");

            migrationBuilder.DropColumn(
                name: "return_code",
                table: "ach_entries");

            migrationBuilder.DropColumn(
                name: "returned_on",
                table: "ach_entries");
        }
    }
}
