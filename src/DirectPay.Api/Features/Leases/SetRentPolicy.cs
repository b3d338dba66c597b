using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Leases;

public static class SetRentPolicy
{
    /// <param name="GraceDays">Days after the due date before unpaid rent is late (0 to 28).</param>
    /// <param name="LateFeeType">none, fixed (late_fee_amount is an amount) or percent (late_fee_amount is a percent of the rent).</param>
    /// <param name="LateFeeCap">The most a period's late fee can be; none when absent.</param>
    /// <param name="FullPaymentsOnly">Refuse a payment that does not pay the oldest period due in full.</param>
    public sealed record Request(
        [Range(0, RentPolicy.MaxGraceDays)] int? GraceDays,
        LateFeeType? LateFeeType,
        [Range(typeof(decimal), "0", "9999999999.99")] decimal? LateFeeAmount,
        [Money] decimal? LateFeeCap,
        bool? FullPaymentsOnly) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext context)
        {
            if (LateFeeAmount is { } amount && decimal.Round(amount, 2) != amount)
                yield return new("The late_fee_amount has at most two decimals.", [nameof(LateFeeAmount)]);
            if (LateFeeType is Domain.LateFeeType.Fixed or Domain.LateFeeType.Percent && LateFeeAmount is not > 0)
                yield return new("A late fee needs a late_fee_amount above 0.", [nameof(LateFeeAmount)]);
            if (LateFeeType == Domain.LateFeeType.Percent && LateFeeAmount > 100)
                yield return new("A percent late fee is at most 100.", [nameof(LateFeeAmount)]);
            if (LateFeeType is null or Domain.LateFeeType.None && (LateFeeAmount is > 0 || LateFeeCap is not null))
                yield return new("Set late_fee_type to fixed or percent to charge a late fee.", [nameof(LateFeeType)]);
        }

        public RentPolicy ToPolicy() => new(GraceDays ?? 0, LateFeeType ?? Domain.LateFeeType.None,
            Money.Normalize(LateFeeAmount ?? 0m), LateFeeCap is { } cap ? Money.Normalize(cap) : null, FullPaymentsOnly ?? false);
    }

    /// <summary>The whole policy is replaced; a late fee already charged stays as it was.</summary>
    internal static async Task<Results<Ok<LeaseResponse>, ProblemHttpResult>> Handle(
        Guid id, Request request, ClaimsPrincipal caller, DirectPayDb db, TimeProvider clock, CancellationToken ct)
    {
        var me = caller.UserId();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var lease = await db.LockLeaseAsync(id, ct);
        if (lease is null || !lease.IsPartyTo(me)) return Problems.NotFound("lease");
        if (lease.LandlordId != me) return Problems.Forbidden("Only the landlord sets the rent policy.");
        var today = DueDates.Today(clock);
        lease.ChangePolicy(request.ToPolicy(), today, clock.GetUtcNow());
        await db.EnqueueLeaseAmendedAsync(lease, "rent_policy", today, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(LeaseResponse.From(lease));
    }
}
