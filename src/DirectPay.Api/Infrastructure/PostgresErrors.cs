using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DirectPay.Api.Infrastructure;

internal static class PostgresErrors
{
    /// <summary>The database refused a duplicate: the unique index decided a race that a check-then-insert would lose.</summary>
    public static bool IsUniqueViolation(this DbUpdateException e, string? constraint = null) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
        && (constraint is null || pg.ConstraintName == constraint);

    public static bool IsExclusionViolation(this DbUpdateException e, string constraint) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation } pg
        && pg.ConstraintName == constraint;
}
