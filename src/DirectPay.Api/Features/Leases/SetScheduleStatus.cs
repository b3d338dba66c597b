using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DirectPay.Api.Features.Leases;

public static class SetScheduleStatus
{
    /// <param name="Status">paused (no autopay, no late fees) or active.</param>
    public sealed record Request([Required] ScheduleStatus? Status);

    /// <summary>The landlord pauses collection on a lease (no autopay, no late fees) or resumes it.</summary>
    internal static async Task<Results<Ok<LeaseResponse>, ProblemHttpResult>> Handle(
        Guid id, Request request, ClaimsPrincipal caller, DirectPayDb db, TimeProvider clock, CancellationToken ct)
    {
        var me = caller.UserId();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var lease = await db.LockLeaseAsync(id, ct);
        if (lease is null || !lease.IsPartyTo(me)) return Problems.NotFound("lease");
        if (lease.LandlordId != me) return Problems.Forbidden("Only the landlord pauses or resumes a schedule.");
        if (lease.Schedule.CannotChangeTo(request.Status!.Value) is { } reason) return Problems.Unprocessable("status", reason);

        lease.SetScheduleStatus(request.Status.Value, DueDates.Today(clock));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(LeaseResponse.From(lease));
    }
}
