using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DirectPay.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gist", ",,");

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    full_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                    table.CheckConstraint("ck_users_role", "role IN ('landlord', 'renter', 'admin')");
                });

            migrationBuilder.CreateTable(
                name: "bank_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    last4 = table.Column<string>(type: "character(4)", fixedLength: true, maxLength: 4, nullable: false),
                    routing_number = table.Column<string>(type: "character(9)", fixedLength: true, maxLength: 9, nullable: false),
                    account_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bank_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    is_primary = table.Column<bool>(type: "boolean", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_accounts", x => x.id);
                    table.CheckConstraint("ck_bank_accounts_account_type", "account_type IN ('checking', 'savings')");
                    table.CheckConstraint("ck_bank_accounts_last4", "last4 ~ '^[0-9]{4}$'");
                    table.CheckConstraint("ck_bank_accounts_primary_is_active", "NOT is_primary OR is_active");
                    table.CheckConstraint("ck_bank_accounts_routing_number", "routing_number ~ '^[0-9]{9}$'");
                    table.ForeignKey(
                        name: "fk_bank_accounts_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "properties",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    landlord_id = table.Column<Guid>(type: "uuid", nullable: false),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    state = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    postal_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    unit_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    property_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_properties", x => x.id);
                    table.CheckConstraint("ck_properties_property_type", "property_type IN ('apartment', 'house', 'condo', 'townhouse', 'other')");
                    table.ForeignKey(
                        name: "fk_properties_users_landlord_id",
                        column: x => x.landlord_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    property_id = table.Column<Guid>(type: "uuid", nullable: false),
                    landlord_id = table.Column<Guid>(type: "uuid", nullable: false),
                    renter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    rent_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    due_day = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leases", x => x.id);
                    table.CheckConstraint("ck_leases_dates", "end_date > start_date");
                    table.CheckConstraint("ck_leases_due_day", "due_day BETWEEN 1 AND 28");
                    table.CheckConstraint("ck_leases_rent_amount", "rent_amount > 0");
                    table.ForeignKey(
                        name: "fk_leases_properties_property_id",
                        column: x => x.property_id,
                        principalTable: "properties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leases_users_landlord_id",
                        column: x => x.landlord_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leases_users_renter_id",
                        column: x => x.renter_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "lease_amendments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    lease_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    previous_rent_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    previous_due_day = table.Column<int>(type: "integer", nullable: false),
                    rent_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    due_day = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    amended_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lease_amendments", x => x.id);
                    table.CheckConstraint("ck_lease_amendments_due_day", "due_day BETWEEN 1 AND 28");
                    table.CheckConstraint("ck_lease_amendments_effective_from", "extract(day from effective_from) = 1");
                    table.CheckConstraint("ck_lease_amendments_rent_amount", "rent_amount > 0");
                    table.ForeignKey(
                        name: "fk_lease_amendments_leases_lease_id",
                        column: x => x.lease_id,
                        principalTable: "leases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_lease_amendments_users_amended_by",
                        column: x => x.amended_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payment_schedules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    lease_id = table.Column<Guid>(type: "uuid", nullable: false),
                    next_due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount_due = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_schedules", x => x.id);
                    table.CheckConstraint("ck_payment_schedules_amount_due", "amount_due > 0");
                    table.CheckConstraint("ck_payment_schedules_status", "status IN ('active', 'paused', 'completed')");
                    table.ForeignKey(
                        name: "fk_payment_schedules_leases_lease_id",
                        column: x => x.lease_id,
                        principalTable: "leases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bank_accounts_account_token",
                table: "bank_accounts",
                column: "account_token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bank_accounts_user_id",
                table: "bank_accounts",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_accounts_user_id1",
                table: "bank_accounts",
                column: "user_id",
                unique: true,
                filter: "is_primary");

            migrationBuilder.CreateIndex(
                name: "ix_lease_amendments_amended_by",
                table: "lease_amendments",
                column: "amended_by");

            migrationBuilder.CreateIndex(
                name: "ix_lease_amendments_lease_id_sequence",
                table: "lease_amendments",
                columns: new[] { "lease_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_leases_landlord_id",
                table: "leases",
                column: "landlord_id");

            migrationBuilder.CreateIndex(
                name: "ix_leases_property_id",
                table: "leases",
                column: "property_id");

            migrationBuilder.CreateIndex(
                name: "ix_leases_renter_id",
                table: "leases",
                column: "renter_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_schedules_lease_id",
                table: "payment_schedules",
                column: "lease_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payment_schedules_status_next_due_date",
                table: "payment_schedules",
                columns: new[] { "status", "next_due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_properties_landlord_id",
                table: "properties",
                column: "landlord_id");

            migrationBuilder.CreateIndex(
                name: "ix_users_email",
                table: "users",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_role",
                table: "users",
                column: "role");

            // One lease per property at a time; EF has no model for exclusion constraints (see ConstraintNames).
            migrationBuilder.Sql($"""
                ALTER TABLE leases ADD CONSTRAINT {ConstraintNames.LeasesNoOverlap}
                EXCLUDE USING gist (property_id WITH =, daterange(start_date, end_date, '[]') WITH &&);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"ALTER TABLE leases DROP CONSTRAINT {ConstraintNames.LeasesNoOverlap};");

            migrationBuilder.DropTable(
                name: "bank_accounts");

            migrationBuilder.DropTable(
                name: "lease_amendments");

            migrationBuilder.DropTable(
                name: "payment_schedules");

            migrationBuilder.DropTable(
                name: "leases");

            migrationBuilder.DropTable(
                name: "properties");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
