using DirectPay.Api.Infrastructure;
using DirectPay.Audit;
using DirectPay.Banking.Nacha;
using DirectPay.Data;
using DirectPay.Vault;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Ach;

public static class GetAchFile
{
    /// <param name="unmasked">true for the exact bytes, account numbers and all; each such download is in the audit log.</param>
    internal static async Task<Results<ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> Handle(Guid id, DirectPayDb db,
        VaultProtector vault, System.Security.Claims.ClaimsPrincipal caller, TimeProvider clock, CancellationToken ct, bool unmasked = false)
    {
        if (await db.AchFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct) is not { } file) return Problems.NotFound("ACH file");
        var bytes = file.Open(vault);
        if (!unmasked) return TypedResults.Text(NachaMasking.Mask(bytes), "text/plain", System.Text.Encoding.ASCII);

        db.AuditLog.Add(AuditEntry.Disclosed("ach_files", file.Id.ToString(), caller.UserId(), clock.GetUtcNow()));
        await db.SaveChangesAsync(ct); // recorded before a byte leaves
        return TypedResults.File(bytes, "text/plain", $"{file.Direction.ToString().ToLowerInvariant()}-{file.CreationDate:yyyyMMdd}-{file.FileIdModifier}.ach");
    }
}
