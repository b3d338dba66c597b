using DirectPay.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DirectPay.Bank.Data;

/// <summary>The bank's own books and mail: nothing in here is DirectPay's, and DirectPay never reads it.</summary>
public sealed class BankDb(DbContextOptions<BankDb> options) : DbContext(options)
{
    public const string FileIdentityIndex = "ix_received_files_identity";

    public DbSet<ReceivedFile> ReceivedFiles => Set<ReceivedFile>();
    public DbSet<ReceivedEntry> ReceivedEntries => Set<ReceivedEntry>();
    public DbSet<OutboundFile> OutboundFiles => Set<OutboundFile>();
    public DbSet<ScheduledReply> ScheduledReplies => Set<ScheduledReply>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Posting> Postings => Set<Posting>();
    public DbSet<ProcessingState> ProcessingState => Set<ProcessingState>();
    public DbSet<Transfer> Transfers => Set<Transfer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReceivedFile>(file =>
        {
            // A file's identity: the bank holds one file per origin, creation date and modifier, as the rules require.
            file.HasIndex(f => new { f.ImmediateOrigin, f.CreationDate, f.FileIdModifier }).IsUnique().HasDatabaseName(FileIdentityIndex);
            file.Property(f => f.ImmediateOrigin).HasMaxLength(10);
            file.Property(f => f.FileIdModifier).HasMaxLength(1);
            file.Property(f => f.Sha256).HasMaxLength(64);
        });
        modelBuilder.Entity<ReceivedEntry>(entry =>
        {
            entry.HasIndex(e => new { e.FileId, e.TraceNumber }).IsUnique();
            entry.HasIndex(e => new { e.Status, e.SettlesAt });
            entry.HasIndex(e => e.TraceNumber);
            entry.Property(e => e.TraceNumber).HasMaxLength(15);
            entry.Property(e => e.RoutingNumber).HasMaxLength(9);
            entry.Property(e => e.AccountNumber).HasMaxLength(17);
            entry.Property(e => e.SecCode).HasMaxLength(3);
            entry.Property(e => e.CompanyName).HasMaxLength(16);
            entry.Property(e => e.CompanyIdentification).HasMaxLength(10);
            entry.Property(e => e.EntryDescription).HasMaxLength(10);
            entry.Property(e => e.IdentificationNumber).HasMaxLength(15);
            entry.Property(e => e.ReceiverName).HasMaxLength(22);
            entry.Property(e => e.DiscretionaryData).HasMaxLength(2);
            entry.HasOne<ReceivedFile>().WithMany().HasForeignKey(e => e.FileId);
        });
        modelBuilder.Entity<ScheduledReply>(reply =>
        {
            reply.HasIndex(r => r.DueAt).HasFilter("outbound_file_id IS NULL");
            reply.Property(r => r.Code).HasMaxLength(3);
            reply.Property(r => r.CorrectedData).HasMaxLength(29);
            reply.HasOne<ReceivedEntry>().WithMany().HasForeignKey(r => r.EntryId);
            reply.HasOne<OutboundFile>().WithMany().HasForeignKey(r => r.OutboundFileId);
        });
        modelBuilder.Entity<Account>(account =>
        {
            account.HasKey(a => new { a.RoutingNumber, a.AccountNumber });
            account.Property(a => a.RoutingNumber).HasMaxLength(9);
            account.Property(a => a.AccountNumber).HasMaxLength(17);
            account.Property(a => a.Balance).HasPrecision(18, 2); // what many credits add up to, beyond one entry's numeric(12,2)
        });
        modelBuilder.Entity<Posting>(posting =>
        {
            posting.HasIndex(p => new { p.RoutingNumber, p.AccountNumber, p.BookedOn });
            posting.Property(p => p.Reference).HasMaxLength(64);
            posting.Property(p => p.Description).HasMaxLength(64);
        });
        modelBuilder.Entity<ProcessingState>(state =>
        {
            state.Property(s => s.Id).ValueGeneratedNever();
            state.HasData(new ProcessingState { Id = Data.ProcessingState.Singleton, ProcessedThrough = DateTimeOffset.UnixEpoch });
        });
        modelBuilder.Entity<Transfer>(transfer =>
        {
            transfer.Property(t => t.Id).HasMaxLength(DirectPay.Banking.Connection.TransferOrder.LongestId);
            transfer.Property(t => t.Rail).HasMaxLength(16);
            transfer.Property(t => t.DebtorRouting).HasMaxLength(9);
            transfer.Property(t => t.DebtorAccount).HasMaxLength(17);
            transfer.Property(t => t.CreditorRouting).HasMaxLength(9);
            transfer.Property(t => t.CreditorAccount).HasMaxLength(17);
            transfer.Property(t => t.Reference).HasMaxLength(64);
            transfer.Property(t => t.ReasonCode).HasMaxLength(4);
        });
        modelBuilder.Entity<OutboundFile>(file =>
        {
            file.HasIndex(f => f.CreatedAt);
            file.Property(f => f.Kind).HasMaxLength(32);
            file.Property(f => f.Name).HasMaxLength(64);
            file.Property(f => f.Sha256).HasMaxLength(64);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<decimal>().HavePrecision(12, 2);
        conventions.Properties<EntryStatus>().HaveConversion<SnakeCaseEnumConverter<EntryStatus>>().HaveMaxLength(16);
        conventions.Properties<ReplyKind>().HaveConversion<SnakeCaseEnumConverter<ReplyKind>>().HaveMaxLength(32);
        conventions.Properties<TransferState>().HaveConversion<SnakeCaseEnumConverter<TransferState>>().HaveMaxLength(16);
    }
}

public static class BankDbSetup
{
    /// <summary>The one place the provider is configured, for the service and for design-time tools alike.</summary>
    public static TBuilder UseBankDb<TBuilder>(this TBuilder options, string connectionString) where TBuilder : DbContextOptionsBuilder
    {
        var budgeted = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = ConnectionBudget.Bank }.ConnectionString;
        options.UseNpgsql(budgeted, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")).UseSnakeCaseNamingConvention();
        return options;
    }
}

public static class BankDbMigration
{
    /// <summary>The bank's schema is its own, applied before it serves; a first start's expected probe failures are information.</summary>
    public static async Task MigrateBankDbAsync(this WebApplication app, string connectionString)
    {
        var options = new DbContextOptionsBuilder<BankDb>().UseBankDb(connectionString)
            .LoggingFirstStartProbesAsInformation(app.Services.GetRequiredService<ILoggerFactory>())
            .Options;
        await using var db = new BankDb(options);
        await db.Database.MigrateAsync();
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
public sealed class DesignTimeBankDbFactory : IDesignTimeDbContextFactory<BankDb>
{
    public BankDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BankDb>().UseBankDb("Host=localhost;Database=bank").Options);
}
