using System.ComponentModel.DataAnnotations;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Ach;

public static class ListAchFiles
{
    /// <summary>A file as operations see it: what it is, where it stands, what it carried; never its content.</summary>
    public sealed record AchFileResponse(Guid Id, AchFileDirection Direction, string Kind, AchFileState State, string ImmediateOrigin,
        DateOnly CreationDate, string FileIdModifier, int EntryCount, decimal TotalDebit, decimal TotalCredit, int UnmatchedEntries,
        string Sha256, Guid? BankFileId, string? Problem, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
    {
        public static AchFileResponse From(AchFile f) => new(f.Id, f.Direction, f.Kind, f.State, f.ImmediateOrigin, f.CreationDate,
            f.FileIdModifier, f.EntryCount, f.TotalDebit, f.TotalCredit, f.UnmatchedEntries, f.Sha256, f.BankFileId, f.Problem, f.CreatedAt, f.CompletedAt);
    }

    public sealed record Page(List<AchFileResponse> Items, int PageNumber, int PageSize, int TotalCount);

    /// <param name="direction">sent or received.</param>
    /// <param name="page">1 for the newest files.</param>
    /// <param name="pageSize">1 to 200; 50 unless given.</param>
    internal static async Task<Results<Ok<Page>, ProblemHttpResult>> Handle(DirectPayDb db, CancellationToken ct, [MaxLength(16)] string? direction = null,
        [Range(1, 100_000)] int page = 1, [FromQuery(Name = "page_size"), Range(1, 200)] int pageSize = 50)
    {
        var files = db.AchFiles.AsNoTracking();
        if (direction is not null)
        {
            if (!SnakeCaseEnum<AchFileDirection>.FromText.TryGetValue(direction, out var wanted)) return Problems.Invalid("direction", "The direction is sent or received.");
            files = files.Where(f => f.Direction == wanted);
        }
        var items = await files.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new Page(items.Select(AchFileResponse.From).ToList(), page, pageSize, await files.CountAsync(ct)));
    }
}
