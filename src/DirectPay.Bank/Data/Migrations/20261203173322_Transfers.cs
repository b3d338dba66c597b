using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Bank.Data.Migrations
{
    /// <inheritdoc />
    public partial class Transfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "transfers",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    rail = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    debtor_routing = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    debtor_account = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    creditor_routing = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    creditor_account = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answer_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason_code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    booked_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfers", x => x.id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "transfers");
        }
    }
}
