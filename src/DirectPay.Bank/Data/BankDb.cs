using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DirectPay.Bank.Data;

/// <summary>The bank's own books and mail: nothing in here is DirectPay's, and DirectPay never reads it.</summary>
public sealed class BankDb(DbContextOptions<BankDb> options) : DbContext(options)
{
    public DbSet<ReceivedFile> ReceivedFiles => Set<ReceivedFile>();
    public DbSet<ReceivedEntry> ReceivedEntries => Set<ReceivedEntry>();
    public DbSet<OutboundFile> OutboundFiles => Set<OutboundFile>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReceivedFile>(file =>
        {
            // A file's identity: the bank holds one file per origin, creation date and modifier, as the rules require.
            file.HasIndex(f => new { f.ImmediateOrigin, f.CreationDate, f.FileIdModifier }).IsUnique();
            file.Property(f => f.ImmediateOrigin).HasMaxLength(10);
            file.Property(f => f.FileIdModifier).HasMaxLength(1);
            file.Property(f => f.Sha256).HasMaxLength(64);
        });
        modelBuilder.Entity<ReceivedEntry>(entry =>
        {
            entry.HasIndex(e => new { e.FileId, e.TraceNumber }).IsUnique();
            entry.HasIndex(e => new { e.Status, e.EffectiveDate });
            entry.Property(e => e.TraceNumber).HasMaxLength(15);
            entry.Property(e => e.RoutingNumber).HasMaxLength(9);
            entry.Property(e => e.AccountNumber).HasMaxLength(17);
            entry.Property(e => e.SecCode).HasMaxLength(3);
            entry.Property(e => e.Status).HasMaxLength(16);
            entry.HasOne<ReceivedFile>().WithMany().HasForeignKey(e => e.FileId);
        });
        modelBuilder.Entity<OutboundFile>(file =>
        {
            file.HasIndex(f => f.CreatedAt);
            file.Property(f => f.Kind).HasMaxLength(32);
            file.Property(f => f.Name).HasMaxLength(64);
            file.Property(f => f.Sha256).HasMaxLength(64);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) =>
        conventions.Properties<decimal>().HavePrecision(12, 2);
}

public static class BankDbSetup
{
    /// <summary>The one place the provider is configured, for the service and for design-time tools alike.</summary>
    public static TBuilder UseBankDb<TBuilder>(this TBuilder options, string connectionString) where TBuilder : DbContextOptionsBuilder
    {
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")).UseSnakeCaseNamingConvention();
        return options;
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
public sealed class DesignTimeBankDbFactory : IDesignTimeDbContextFactory<BankDb>
{
    public BankDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BankDb>().UseBankDb("Host=localhost;Database=bank").Options);
}
