using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class SeedClientShapes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "property_type",
                table: "properties",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            migrationBuilder.AddColumn<decimal>(
                name: "monthly_rent",
                table: "properties",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "monthly_rent",
                table: "properties");

            // A property listed without a type is "other" again, a value the check constraint allows.
            migrationBuilder.Sql("UPDATE properties SET property_type = 'other' WHERE property_type IS NULL;");
            migrationBuilder.AlterColumn<string>(
                name: "property_type",
                table: "properties",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldNullable: true);
        }
    }
}
