using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Leases;

public static class CreateLease
{
    public sealed record Request(
        [Required] Guid? PropertyId,
        [Required] Guid? RenterId,
        [Required] DateOnly? StartDate,
        [Required] DateOnly? EndDate,
        [Required, Money] decimal? RentAmount,
        [Required, Range(DueDates.FirstDueDay, DueDates.LastDueDay)] int? DueDay) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext context)
        {
            if (StartDate is not { } start || EndDate is not { } end || DueDay is not (>= DueDates.FirstDueDay and <= DueDates.LastDueDay))
                yield break;
            if (end <= start)
                yield return new("The lease must end after it starts.", [nameof(EndDate)]);
            else if (!Lease.HasDueDate(start, end, DueDay.Value))
                yield return new("The lease term contains no due date.", [nameof(EndDate)]);
        }
    }

    internal static async Task<Results<Created<LeaseResponse>, ProblemHttpResult>> Handle(
        Request request, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var me = caller.UserId();
        var property = await db.Properties.SingleOrDefaultAsync(p => p.Id == request.PropertyId && p.LandlordId == me, ct);
        if (property is null) return Problems.NotFound("property");

        var renterIsRenter = await db.Users.AnyAsync(u => u.Id == request.RenterId && u.Role == UserRole.Renter && u.IsActive, ct);
        if (!renterIsRenter) return Problems.Unprocessable("renter_id", "The renter_id is not an active renter.");

        // The lease and its schedule are inserted by one SaveChanges: one transaction.
        var lease = new Lease(Guid.CreateVersion7(), property, request.RenterId!.Value, request.StartDate!.Value,
            request.EndDate!.Value, request.RentAmount!.Value, request.DueDay!.Value);
        db.Leases.Add(lease);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsExclusionViolation(ConstraintNames.LeasesNoOverlap))
        {
            return Problems.Conflict("The property already has a lease overlapping these dates.");
        }
        return TypedResults.Created($"/api/v1/leases/{lease.Id}", LeaseResponse.From(lease));
    }
}
