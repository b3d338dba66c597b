using DirectPay.Audit;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Data;

public sealed class DirectPayDb(DbContextOptions<DirectPayDb> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<BankAccount> BankAccounts => Set<BankAccount>();
    public DbSet<BankAccountNumber> BankAccountNumbers => Set<BankAccountNumber>();
    public DbSet<Property> Properties => Set<Property>();
    public DbSet<Lease> Leases => Set<Lease>();
    public DbSet<LeaseAmendment> LeaseAmendments => Set<LeaseAmendment>();
    public DbSet<LeaseRenter> LeaseRenters => Set<LeaseRenter>();
    public DbSet<RentDue> RentDues => Set<RentDue>();
    public DbSet<PaymentAllocation> PaymentAllocations => Set<PaymentAllocation>();
    public DbSet<AutopaySetting> AutopaySettings => Set<AutopaySetting>();
    public DbSet<AutopayAttempt> AutopayAttempts => Set<AutopayAttempt>();
    public DbSet<PaymentSchedule> PaymentSchedules => Set<PaymentSchedule>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentEvent> PaymentEvents => Set<PaymentEvent>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<RefundEvent> RefundEvents => Set<RefundEvent>();
    public DbSet<LedgerAccount> LedgerAccounts => Set<LedgerAccount>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<BankStatementLine> BankStatements => Set<BankStatementLine>();
    public DbSet<AchEntry> AchEntries => Set<AchEntry>();
    public DbSet<AchFile> AchFiles => Set<AchFile>();
    public DbSet<AchCursor> AchCursors => Set<AchCursor>();
    public DbSet<DebitAuthorization> DebitAuthorizations => Set<DebitAuthorization>();
    public DbSet<Payout> Payouts => Set<Payout>();
    public DbSet<PayoutItem> PayoutItems => Set<PayoutItem>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<ReconciliationRun> ReconciliationRuns => Set<ReconciliationRun>();
    public DbSet<ReconciliationItem> ReconciliationItems => Set<ReconciliationItem>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<HousekeepingRun> HousekeepingRuns => Set<HousekeepingRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // btree_gist lets one exclusion constraint mix "=" on a uuid with "&&" on a date range (no overlapping leases).
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DirectPayDb).Assembly);
        modelBuilder.Entity<HousekeepingRun>().HasKey(r => r.Period);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<decimal>().HavePrecision(12, 2);
        conventions.Properties<UserRole>().HaveConversion<SnakeCaseEnumConverter<UserRole>>().HaveMaxLength(32);
        conventions.Properties<BankAccountType>().HaveConversion<SnakeCaseEnumConverter<BankAccountType>>().HaveMaxLength(32);
        conventions.Properties<PropertyType>().HaveConversion<SnakeCaseEnumConverter<PropertyType>>().HaveMaxLength(32);
        conventions.Properties<PaymentRail>().HaveConversion<SnakeCaseEnumConverter<PaymentRail>>().HaveMaxLength(32);
        conventions.Properties<PaymentStatus>().HaveConversion<SnakeCaseEnumConverter<PaymentStatus>>().HaveMaxLength(32);
        conventions.Properties<RefundStatus>().HaveConversion<SnakeCaseEnumConverter<RefundStatus>>().HaveMaxLength(32);
        conventions.Properties<MoneyDirection>().HaveConversion<SnakeCaseEnumConverter<MoneyDirection>>().HaveMaxLength(32);
        conventions.Properties<StatementSource>().HaveConversion<SnakeCaseEnumConverter<StatementSource>>().HaveMaxLength(32);
        conventions.Properties<ReconciliationRunStatus>().HaveConversion<SnakeCaseEnumConverter<ReconciliationRunStatus>>().HaveMaxLength(32);
        conventions.Properties<ReconciliationOutcome>().HaveConversion<SnakeCaseEnumConverter<ReconciliationOutcome>>().HaveMaxLength(32);
        conventions.Properties<WebhookDeliveryStatus>().HaveConversion<SnakeCaseEnumConverter<WebhookDeliveryStatus>>().HaveMaxLength(32);
        conventions.Properties<LedgerAccountKind>().HaveConversion<SnakeCaseEnumConverter<LedgerAccountKind>>().HaveMaxLength(32);
        conventions.Properties<AchEntryState>().HaveConversion<SnakeCaseEnumConverter<AchEntryState>>().HaveMaxLength(32);
        conventions.Properties<AchFileDirection>().HaveConversion<SnakeCaseEnumConverter<AchFileDirection>>().HaveMaxLength(32);
        conventions.Properties<AchFileState>().HaveConversion<SnakeCaseEnumConverter<AchFileState>>().HaveMaxLength(32);
        conventions.Properties<ScheduleStatus>().HaveConversion<SnakeCaseEnumConverter<ScheduleStatus>>().HaveMaxLength(32);
        conventions.Properties<AuthorizationKind>().HaveConversion<SnakeCaseEnumConverter<AuthorizationKind>>().HaveMaxLength(32);
        conventions.Properties<PayoutState>().HaveConversion<SnakeCaseEnumConverter<PayoutState>>().HaveMaxLength(32);
        conventions.Properties<PayoutItemKind>().HaveConversion<SnakeCaseEnumConverter<PayoutItemKind>>().HaveMaxLength(32);
    }
}
