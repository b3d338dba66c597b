using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DirectPay.Data;

/// <summary>
/// Sets created_at/updated_at from the injected clock, so tests can move time. A new entity that already carries its
/// times (one whose answer is written before it is saved, as a payment's) keeps them.
/// </summary>
public sealed class AuditTimestamps(TimeProvider clock) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) Stamp(db);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) Stamp(db);
        return base.SavingChanges(eventData, result);
    }

    private void Stamp(DbContext db)
    {
        var now = Timestamps.Stored(clock.GetUtcNow());
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added && entry.Metadata.FindProperty("CreatedAt") is not null)
                SetUnlessGiven(entry.Property("CreatedAt"), now);
            if (entry.Metadata.FindProperty("UpdatedAt") is null) continue;
            if (entry.State == EntityState.Added) SetUnlessGiven(entry.Property("UpdatedAt"), now);
            else if (entry.State == EntityState.Modified) entry.Property("UpdatedAt").CurrentValue = now;
        }
    }

    private static void SetUnlessGiven(PropertyEntry property, DateTimeOffset now)
    {
        if (property.CurrentValue is null || Equals(property.CurrentValue, default(DateTimeOffset))) property.CurrentValue = now;
    }
}
