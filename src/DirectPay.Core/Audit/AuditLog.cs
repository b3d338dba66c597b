using System.Diagnostics;
using System.Text.Json;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DirectPay.Audit;

/// <summary>
/// Writes the audit log from one place: every save that adds, changes or removes an audited record adds its entry, in
/// the same transaction, and stamps the acting user on new payment and refund events (those keep their own histories).
/// </summary>
public sealed class AuditLog(TimeProvider clock, IAuditActor? actor) : SaveChangesInterceptor
{
    /// <summary>Audited records, with the columns DirectPay works out itself and nobody changes (not logged).</summary>
    private static readonly Dictionary<Type, string[]> Audited = new()
    {
        [typeof(User)] = [],
        [typeof(BankAccount)] = [],
        [typeof(BankAccountNumber)] = [],
        [typeof(Property)] = [],
        [typeof(Lease)] = [],
        [typeof(LeaseRenter)] = [],
        [typeof(LeaseAmendment)] = [],
        [typeof(PaymentSchedule)] = [nameof(PaymentSchedule.NextDueDate), nameof(PaymentSchedule.AmountDue)],
        [typeof(AutopaySetting)] = [],
        [typeof(WebhookEndpoint)] = [nameof(WebhookEndpoint.ConsecutiveFailures)],
        [typeof(ReconciliationRun)] = [],
    };

    private static readonly string[] NeverLogged = ["CreatedAt", "UpdatedAt", "xmin"];

    /// <summary>Columns whose values never leave the database: hashes, tokens, secrets, account numbers, sealed values.</summary>
    private static readonly string[] Secret = ["password", "token", "secret", "account_number", "ciphertext"];

    public const string Masked = "***";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is DirectPayDb db) Record(db);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is DirectPayDb db) Record(db);
        return base.SavingChanges(eventData, result);
    }

    private void Record(DirectPayDb db)
    {
        var actorId = actor?.CurrentUserId;
        var now = Timestamps.Stored(clock.GetUtcNow());
        var traceId = Activity.Current?.TraceId.ToString();
        var entries = new List<AuditEntry>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added && entry.Entity is PaymentEvent or RefundEvent && entry.Property("ActorId").CurrentValue is null)
                entry.Property("ActorId").CurrentValue = actorId;
            if (!Audited.TryGetValue(entry.Metadata.ClrType, out var workedOut)) continue;
            // A sign-up has no signed-in caller: the one signing up is who acts.
            var who = actorId ?? (entry is { State: EntityState.Added, Entity: User user } ? user.Id : null);
            if (Entry(entry, workedOut, who, now, traceId) is { } audit) entries.Add(audit);
        }
        db.AuditLog.AddRange(entries);
    }

    private static AuditEntry? Entry(EntityEntry entry, string[] workedOut, Guid? actorId, DateTimeOffset now, string? traceId)
    {
        var action = entry.State switch
        {
            EntityState.Added => "created",
            EntityState.Modified => "updated",
            EntityState.Deleted => "deleted",
            _ => null,
        };
        if (action is null) return null;
        var properties = entry.Properties.Cast<MemberEntry>()
            .Concat(entry.ComplexProperties.SelectMany(c => c.Properties))
            .OfType<PropertyEntry>()
            .Where(p => !NeverLogged.Contains(p.Metadata.Name) && !workedOut.Contains(p.Metadata.Name))
            .Where(p => entry.State != EntityState.Modified || p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
            .ToList();
        if (properties.Count == 0) return null; // only worked-out columns changed
        var oldValues = entry.State == EntityState.Added ? null : Values(properties, p => p.OriginalValue);
        var newValues = entry.State == EntityState.Deleted ? null : Values(properties, p => p.CurrentValue);
        var key = string.Join(':', entry.Metadata.FindPrimaryKey()!.Properties.Select(k => entry.Property(k.Name).CurrentValue));
        return new AuditEntry(entry.Metadata.GetTableName()!, key, action, oldValues, newValues, actorId, now, traceId);
    }

    private static JsonDocument Values(IEnumerable<PropertyEntry> properties, Func<PropertyEntry, object?> value) =>
        JsonSerializer.SerializeToDocument(properties.ToDictionary(p => p.Metadata.GetColumnName(),
            p => Secret.Any(s => p.Metadata.GetColumnName().Contains(s)) ? Masked : value(p)), Json);
}
