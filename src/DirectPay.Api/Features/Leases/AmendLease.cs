using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Leases;

public static class AmendLease
{
    /// <param name="EffectiveFrom">A date in the first period (month) the new terms apply to.</param>
    public sealed record Request(
        [Money] decimal? RentAmount,
        [Range(DueDates.FirstDueDay, DueDates.LastDueDay)] int? DueDay,
        [Required] DateOnly? EffectiveFrom,
        [MaxLength(500)] string? Reason) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext context)
        {
            if (RentAmount is null && DueDay is null)
                yield return new("An amendment changes the rent_amount, the due_day, or both.", [nameof(RentAmount), nameof(DueDay)]);
        }
    }

    internal static async Task<Results<Created<LeaseResponse>, ProblemHttpResult>> Handle(
        Guid id, Request request, ClaimsPrincipal caller, DirectPayDb db, TimeProvider clock, CancellationToken ct)
    {
        var me = caller.UserId();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var lease = await db.LockLeaseAsync(id, ct);
        if (lease is null || !lease.IsPartyTo(me)) return Problems.NotFound("lease");
        if (lease.LandlordId != me) return Problems.Forbidden("Only the landlord amends a lease.");
        if (lease.CannotAmendFrom(request.EffectiveFrom!.Value) is { } reason) return Problems.Unprocessable("effective_from", reason);

        var amendment = lease.Amend(request.RentAmount, request.DueDay, request.EffectiveFrom.Value, request.Reason?.Trim(), me, DueDates.Today(clock));
        await db.EnqueueLeaseAmendedAsync(lease, "amendment", amendment.EffectiveFrom, clock.GetUtcNow(), ct);
        // Lower rent must still take every payment already on its way: none may settle for more than is owed.
        foreach (var renter in lease.Renters)
        {
            if (lease.DuesOf(renter.RenterId).Remaining(0m).Sum(r => r.Remaining) < await db.InFlightAsync(lease.Id, renter.RenterId, ct))
                return Problems.Conflict("Payments on their way would pay more than the amended rent; amend once they have settled.");
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation(ConstraintNames.LeaseAmendmentSequence))
        {
            return Problems.Conflict("The lease was amended at the same time; read it again and retry.");
        }
        return TypedResults.Created($"/api/v1/leases/{lease.Id}", LeaseResponse.From(lease));
    }
}
