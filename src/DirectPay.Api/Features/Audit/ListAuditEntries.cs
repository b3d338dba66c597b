using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using DirectPay.Api.Infrastructure;
using DirectPay.Audit;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Audit;

public static class ListAuditEntries
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/audit", Handle).WithTags("Audit").RequireAuthorization(Policies.AdminOnly)
            .WithSummary("Who changed what and when: the audit log, newest first, filtered and paged")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem();
        return api;
    }

    public sealed record Entry(long Id, string Entity, string EntityId, string Action, JsonElement? OldValues, JsonElement? NewValues,
        Guid? ActorId, DateTimeOffset OccurredAt, string? TraceId);

    public sealed record Page(List<Entry> Items, int PageNumber, int PageSize, int TotalCount);

    /// <param name="entity">A table, e.g. bank_accounts.</param>
    /// <param name="entityId">A record's id (with entity).</param>
    /// <param name="userId">Changes made by this user.</param>
    /// <param name="from">From this time on (inclusive).</param>
    /// <param name="to">Before this time.</param>
    /// <param name="page">1 for the newest entries.</param>
    /// <param name="pageSize">1 to 200; 50 unless given.</param>
    internal static async Task<Ok<Page>> Handle(DirectPayDb db, CancellationToken ct,
        [MaxLength(64)] string? entity = null, [FromQuery(Name = "entity_id"), MaxLength(80)] string? entityId = null,
        [FromQuery(Name = "user_id")] Guid? userId = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        [Range(1, 100_000)] int page = 1, [FromQuery(Name = "page_size"), Range(1, 200)] int pageSize = 50)
    {
        var entries = db.AuditLog.AsNoTracking();
        if (entity is not null) entries = entries.Where(e => e.Entity == entity);
        if (entityId is not null) entries = entries.Where(e => e.EntityId == entityId);
        if (userId is not null) entries = entries.Where(e => e.ActorId == userId);
        // timestamptz takes UTC only: an offset in the query is the same instant.
        if (from?.ToUniversalTime() is { } since) entries = entries.Where(e => e.OccurredAt >= since);
        if (to?.ToUniversalTime() is { } until) entries = entries.Where(e => e.OccurredAt < until);
        var items = await entries.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new Page(items.Select(From).ToList(), page, pageSize, await entries.CountAsync(ct)));
    }

    private static Entry From(AuditEntry e) =>
        new(e.Id, e.Entity, e.EntityId, e.Action, e.OldValues?.RootElement, e.NewValues?.RootElement, e.ActorId, e.OccurredAt, e.TraceId);
}
