using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class RentDuesAutopayLateFees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_payment_schedules_amount_due",
                table: "payment_schedules");

            migrationBuilder.AddColumn<bool>(
                name: "policy_full_payments_only",
                table: "leases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "policy_grace_days",
                table: "leases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "policy_late_fee_amount",
                table: "leases",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "policy_late_fee_cap",
                table: "leases",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "policy_late_fee_type",
                table: "leases",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "none");

            migrationBuilder.CreateTable(
                name: "lease_renters",
                columns: table => new
                {
                    lease_id = table.Column<Guid>(type: "uuid", nullable: false),
                    renter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    share_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lease_renters", x => new { x.lease_id, x.renter_id });
                    table.CheckConstraint("ck_lease_renters_share_amount", "share_amount > 0");
                    table.ForeignKey(
                        name: "fk_lease_renters_leases_lease_id",
                        column: x => x.lease_id,
                        principalTable: "leases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_lease_renters_users_renter_id",
                        column: x => x.renter_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rent_dues",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    lease_id = table.Column<Guid>(type: "uuid", nullable: false),
                    renter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<DateOnly>(type: "date", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    rent = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    late_fee = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    late_fee_charged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    fee_paid = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    rent_paid = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rent_dues", x => x.id);
                    table.CheckConstraint("ck_rent_dues_fee_paid", "fee_paid BETWEEN 0 AND late_fee");
                    table.CheckConstraint("ck_rent_dues_period", "extract(day from period) = 1");
                    table.CheckConstraint("ck_rent_dues_rent", "rent >= 0");
                    table.CheckConstraint("ck_rent_dues_rent_paid", "rent_paid BETWEEN 0 AND rent");
                    table.ForeignKey(
                        name: "fk_rent_dues_leases_lease_id",
                        column: x => x.lease_id,
                        principalTable: "leases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_rent_dues_users_renter_id",
                        column: x => x.renter_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "autopay_attempts",
                columns: table => new
                {
                    lease_id = table.Column<Guid>(type: "uuid", nullable: false),
                    renter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<DateOnly>(type: "date", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    failure_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_autopay_attempts", x => new { x.lease_id, x.renter_id, x.period });
                    table.CheckConstraint("ck_autopay_attempts_outcome", "(payment_id IS NULL) <> (failure_reason IS NULL)");
                    table.ForeignKey(
                        name: "fk_autopay_attempts_lease_renters_lease_id_renter_id",
                        columns: x => new { x.lease_id, x.renter_id },
                        principalTable: "lease_renters",
                        principalColumns: new[] { "lease_id", "renter_id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_autopay_attempts_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "autopay_settings",
                columns: table => new
                {
                    lease_id = table.Column<Guid>(type: "uuid", nullable: false),
                    renter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    bank_account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    rail = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    days_before_due = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_autopay_settings", x => new { x.lease_id, x.renter_id });
                    table.CheckConstraint("ck_autopay_settings_days_before_due", "days_before_due BETWEEN 0 AND 28");
                    table.CheckConstraint("ck_autopay_settings_rail", "rail IN ('instant', 'same_day_ach', 'standard_ach', 'wire')");
                    table.ForeignKey(
                        name: "fk_autopay_settings_bank_accounts_bank_account_id",
                        column: x => x.bank_account_id,
                        principalTable: "bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_autopay_settings_lease_renters_lease_id_renter_id",
                        columns: x => new { x.lease_id, x.renter_id },
                        principalTable: "lease_renters",
                        principalColumns: new[] { "lease_id", "renter_id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payment_allocations",
                columns: table => new
                {
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rent_due_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fee_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    rent_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reversed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_allocations", x => new { x.payment_id, x.rent_due_id });
                    table.CheckConstraint("ck_payment_allocations_amounts", "fee_amount >= 0 AND rent_amount >= 0");
                    table.ForeignKey(
                        name: "fk_payment_allocations_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payment_allocations_rent_dues_rent_due_id",
                        column: x => x.rent_due_id,
                        principalTable: "rent_dues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_payment_schedules_amount_due",
                table: "payment_schedules",
                sql: "amount_due >= 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_leases_policy_grace_days",
                table: "leases",
                sql: "policy_grace_days BETWEEN 0 AND 28");

            migrationBuilder.AddCheckConstraint(
                name: "ck_leases_policy_late_fee",
                table: "leases",
                sql: "policy_late_fee_amount >= 0 AND (policy_late_fee_cap IS NULL OR policy_late_fee_cap > 0)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_leases_policy_late_fee_type",
                table: "leases",
                sql: "policy_late_fee_type IN ('none', 'fixed', 'percent')");

            migrationBuilder.CreateIndex(
                name: "ix_autopay_attempts_idempotency_key",
                table: "autopay_attempts",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_autopay_attempts_payment_id",
                table: "autopay_attempts",
                column: "payment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_autopay_settings_bank_account_id",
                table: "autopay_settings",
                column: "bank_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_autopay_settings_lease_id",
                table: "autopay_settings",
                column: "lease_id",
                filter: "enabled");

            migrationBuilder.CreateIndex(
                name: "ix_lease_renters_renter_id",
                table: "lease_renters",
                column: "renter_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_allocations_rent_due_id",
                table: "payment_allocations",
                column: "rent_due_id");

            migrationBuilder.CreateIndex(
                name: "ix_rent_dues_due_date",
                table: "rent_dues",
                column: "due_date",
                filter: "late_fee_charged_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_rent_dues_lease_id_renter_id_period",
                table: "rent_dues",
                columns: new[] { "lease_id", "renter_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rent_dues_renter_id",
                table: "rent_dues",
                column: "renter_id");

            // Leases made before split rent: their one renter pays the whole rent.
            migrationBuilder.Sql("""
                INSERT INTO lease_renters (lease_id, renter_id, share_amount) SELECT id, renter_id, rent_amount FROM leases;
                """);

            // A due for every period of every existing lease, on the terms in force for it (the latest amendment effective
            // by then): the periods are the signed due day's, each due date is kept within the term. Periods before the
            // schedule's next one were paid: each is allocated to the first payment that completed for it.
            migrationBuilder.Sql("""
                INSERT INTO rent_dues (id, lease_id, renter_id, period, due_date, rent, late_fee, fee_paid, rent_paid, created_at, updated_at)
                SELECT gen_random_uuid(), l.id, l.renter_id, p.period,
                       LEAST(GREATEST(make_date(extract(year FROM p.period)::int, extract(month FROM p.period)::int, t.due_day), l.start_date), l.end_date),
                       t.rent_amount, 0, 0,
                       CASE WHEN s.status = 'completed' OR p.period < date_trunc('month', s.next_due_date) THEN t.rent_amount ELSE 0 END,
                       now(), now()
                FROM leases l
                JOIN payment_schedules s ON s.lease_id = l.id
                CROSS JOIN LATERAL (
                    SELECT g::date AS period
                    FROM generate_series(
                        date_trunc('month', CASE WHEN extract(day FROM l.start_date) <= l.due_day THEN l.start_date ELSE l.start_date + interval '1 month' END),
                        l.end_date, interval '1 month') AS g
                    WHERE make_date(extract(year FROM g)::int, extract(month FROM g)::int, l.due_day) <= l.end_date) p
                CROSS JOIN LATERAL (
                    SELECT coalesce(a.rent_amount, l.rent_amount) AS rent_amount, coalesce(a.due_day, l.due_day) AS due_day
                    FROM (SELECT 1) one
                    LEFT JOIN LATERAL (
                        SELECT rent_amount, due_day FROM lease_amendments
                        WHERE lease_id = l.id AND effective_from <= p.period
                        ORDER BY effective_from DESC, sequence DESC LIMIT 1) a ON true) t;

                INSERT INTO payment_allocations (payment_id, rent_due_id, fee_amount, rent_amount, created_at)
                SELECT DISTINCT ON (d.id) pay.id, d.id, 0, d.rent_paid, coalesce(pay.completed_at, now())
                FROM rent_dues d
                JOIN payments pay ON pay.lease_id = d.lease_id AND date_trunc('month', pay.period_due_date) = d.period
                                     AND pay.status IN ('completed', 'refunded')
                WHERE d.rent_paid > 0
                ORDER BY d.id, pay.completed_at;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "autopay_attempts");

            migrationBuilder.DropTable(
                name: "autopay_settings");

            migrationBuilder.DropTable(
                name: "payment_allocations");

            migrationBuilder.DropTable(
                name: "lease_renters");

            migrationBuilder.DropTable(
                name: "rent_dues");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payment_schedules_amount_due",
                table: "payment_schedules");

            migrationBuilder.DropCheckConstraint(
                name: "ck_leases_policy_grace_days",
                table: "leases");

            migrationBuilder.DropCheckConstraint(
                name: "ck_leases_policy_late_fee",
                table: "leases");

            migrationBuilder.DropCheckConstraint(
                name: "ck_leases_policy_late_fee_type",
                table: "leases");

            migrationBuilder.DropColumn(
                name: "policy_full_payments_only",
                table: "leases");

            migrationBuilder.DropColumn(
                name: "policy_grace_days",
                table: "leases");

            migrationBuilder.DropColumn(
                name: "policy_late_fee_amount",
                table: "leases");

            migrationBuilder.DropColumn(
                name: "policy_late_fee_cap",
                table: "leases");

            migrationBuilder.DropColumn(
                name: "policy_late_fee_type",
                table: "leases");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payment_schedules_amount_due",
                table: "payment_schedules",
                sql: "amount_due > 0");
        }
    }
}
