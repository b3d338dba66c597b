using System;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class Refunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "refunded_amount",
                table: "payments",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<Guid>(
                name: "refund_id",
                table: "outbox_messages",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "response_location",
                table: "idempotency_records",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Every key stored so far answered a payment's creation.
            migrationBuilder.Sql("UPDATE idempotency_records SET response_location = '/api/v1/payments/' || payment_id;");

            migrationBuilder.CreateTable(
                name: "refunds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    rail = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    last_sequence = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    requested_by = table.Column<Guid>(type: "uuid", nullable: false),
                    failure_code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    failure_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    bank_answer_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    trace_parent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refunds", x => x.id);
                    table.CheckConstraint("ck_refunds_amount", "amount > 0");
                    table.CheckConstraint("ck_refunds_rail", "rail IN ('instant', 'same_day_ach', 'standard_ach', 'wire')");
                    table.CheckConstraint("ck_refunds_status", "status IN ('pending', 'processing', 'completed', 'failed')");
                    table.ForeignKey(
                        name: "fk_refunds_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_refunds_users_requested_by",
                        column: x => x.requested_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "refund_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    refund_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    event_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    previous_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    new_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    metadata = table.Column<JsonDocument>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refund_events", x => x.id);
                    table.CheckConstraint("ck_refund_events_new_status", "new_status IN ('pending', 'processing', 'completed', 'failed')");
                    table.ForeignKey(
                        name: "fk_refund_events_refunds_refund_id",
                        column: x => x.refund_id,
                        principalTable: "refunds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_payments_refunded_amount",
                table: "payments",
                sql: "refunded_amount BETWEEN 0 AND amount");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_refund_id",
                table: "outbox_messages",
                column: "refund_id");

            migrationBuilder.CreateIndex(
                name: "ix_refund_events_refund_id_sequence",
                table: "refund_events",
                columns: new[] { "refund_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_refunds_bank_answer_due_at",
                table: "refunds",
                column: "bank_answer_due_at",
                filter: "status = 'processing'");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_payment_id",
                table: "refunds",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_requested_by",
                table: "refunds",
                column: "requested_by");

            migrationBuilder.AddForeignKey(
                name: "fk_outbox_messages_refunds_refund_id",
                table: "outbox_messages",
                column: "refund_id",
                principalTable: "refunds",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_outbox_messages_refunds_refund_id",
                table: "outbox_messages");

            migrationBuilder.DropTable(
                name: "refund_events");

            migrationBuilder.DropTable(
                name: "refunds");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payments_refunded_amount",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_refund_id",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "refunded_amount",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "refund_id",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "response_location",
                table: "idempotency_records");
        }
    }
}
