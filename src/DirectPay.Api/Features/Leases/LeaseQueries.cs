using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Leases;

internal static class LeaseQueries
{
    /// <summary>Leases with what a response shows: the renters, the schedule and the amendments.</summary>
    public static IQueryable<Lease> WithSchedule(this DirectPayDb db) =>
        db.Leases.Include(l => l.Renters).Include(l => l.Schedule).Include(l => l.Amendments).AsSplitQuery();
}
