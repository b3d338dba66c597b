using System.Text.Json;

namespace DirectPay.Audit;

/// <summary>
/// One change to a record people care about (a user, an account, a lease, a setting), who made it and when, written in
/// the transaction of the change. Append-only: the database refuses to update or delete it.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    internal AuditEntry(string entity, string entityId, string action, JsonDocument? oldValues, JsonDocument? newValues,
        Guid? actorId, DateTimeOffset occurredAt, string? traceId)
    {
        Entity = entity;
        EntityId = entityId;
        Action = action;
        OldValues = oldValues;
        NewValues = newValues;
        ActorId = actorId;
        OccurredAt = occurredAt;
        TraceId = traceId;
    }

    /// <summary>Someone was shown what is kept from view (a file's full account numbers): recorded as a read, with who and when.</summary>
    public static AuditEntry Disclosed(string entity, string entityId, Guid actorId, DateTimeOffset now) =>
        new(entity, entityId, "disclosed", null, null, actorId, now, System.Diagnostics.Activity.Current?.TraceId.ToString());

    public long Id { get; private set; }
    /// <summary>The table, e.g. bank_accounts.</summary>
    public string Entity { get; private set; } = "";
    /// <summary>The record's key; a composite key's parts joined with ':'.</summary>
    public string EntityId { get; private set; } = "";
    /// <summary>created, updated or deleted.</summary>
    public string Action { get; private set; } = "";
    /// <summary>The changed columns before (updated, deleted), secrets masked.</summary>
    public JsonDocument? OldValues { get; private set; }
    /// <summary>The changed columns after (created, updated), secrets masked.</summary>
    public JsonDocument? NewValues { get; private set; }
    /// <summary>The signed-in user who made the change; null when DirectPay itself did (the worker).</summary>
    public Guid? ActorId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string? TraceId { get; private set; }
}

/// <summary>Who is acting in this process now: the api's signed-in caller; none in the worker.</summary>
public interface IAuditActor
{
    Guid? CurrentUserId { get; }
}
