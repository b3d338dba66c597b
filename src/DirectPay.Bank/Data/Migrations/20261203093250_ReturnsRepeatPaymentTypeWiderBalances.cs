using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Bank.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReturnsRepeatPaymentTypeWiderBalances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameIndex(
                name: "ix_received_files_immediate_origin_creation_date_file_id_modif",
                table: "received_files",
                newName: "ix_received_files_identity");

            migrationBuilder.AddColumn<string>(
                name: "discretionary_data",
                table: "received_entries",
                type: "character varying(2)",
                maxLength: 2,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<decimal>(
                name: "balance",
                table: "accounts",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(12,2)",
                oldPrecision: 12,
                oldScale: 2);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "discretionary_data",
                table: "received_entries");

            migrationBuilder.RenameIndex(
                name: "ix_received_files_identity",
                table: "received_files",
                newName: "ix_received_files_immediate_origin_creation_date_file_id_modif");

            migrationBuilder.AlterColumn<decimal>(
                name: "balance",
                table: "accounts",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(18,2)",
                oldPrecision: 18,
                oldScale: 2);
        }
    }
}
