using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditDisclosures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log");

            migrationBuilder.AddCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log",
                sql: "action IN ('created', 'updated', 'deleted', 'disclosed')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log");

            migrationBuilder.AddCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log",
                sql: "action IN ('created', 'updated', 'deleted')");
        }
    }
}
