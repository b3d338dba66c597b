using System.Globalization;
using System.Text.Json;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DirectPay.Api.Features.Reconciliation;

public static class ImportBankStatements
{
    /// <summary>One statement line; CSV columns are the same names, in this order, under a header row.</summary>
    public sealed record Line(Guid? BankAccountId, DateOnly? ValueDate, decimal? Amount, MoneyDirection? Direction, string? BankReference);

    public sealed record Response(int Imported);

    private static readonly string[] Columns = ["bank_account_id", "value_date", "amount", "direction", "bank_reference"];

    /// <summary>All lines or none: every line is checked before any is stored; a bad one is named by its index.</summary>
    internal static async Task<Results<Created<Response>, ProblemHttpResult>> Handle(
        HttpRequest request, DirectPayDb db, IOptions<JsonOptions> json, CancellationToken ct)
    {
        List<Line>? lines;
        if (request.HasJsonContentType())
        {
            try
            {
                lines = await JsonSerializer.DeserializeAsync<List<Line>>(request.Body, json.Value.SerializerOptions, ct);
            }
            catch (JsonException e)
            {
                return Problems.Invalid(e.Path is null or "$" ? "body" : $"lines{e.Path[1..]}", "Not a JSON array of statement lines.");
            }
        }
        else if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            lines = ParseCsv(await new StreamReader(request.Body).ReadToEndAsync(ct));
            if (lines is null) return Problems.Invalid("body", $"The first CSV row is the header: {string.Join(',', Columns)}.");
        }
        else
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send text/csv or application/json.");
        }
        if (lines is null or { Count: 0 }) return Problems.Invalid("body", "Send at least one statement line.");

        var known = (await db.BankAccounts.Select(a => a.Id).ToListAsync(ct)).ToHashSet();
        for (var i = 0; i < lines.Count; i++)
            if (Problem(lines[i], known) is { } problem)
                return Problems.Invalid(problem.Field.Length == 0 ? $"lines[{i}]" : $"lines[{i}].{problem.Field}", problem.Message);

        db.BankStatements.AddRange(lines.Select(l => new BankStatementLine(Guid.CreateVersion7(), l.BankAccountId!.Value, l.ValueDate!.Value,
            l.Amount!.Value, l.Direction!.Value, l.BankReference!.Trim(), StatementSource.Imported)));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created("/api/v1/admin/reconciliation", new Response(lines.Count));
    }

    private static (string Field, string Message)? Problem(Line? line, HashSet<Guid> knownAccounts) =>
        line is null ? ("", "A statement line is an object.")
        : line.BankAccountId is not { } account || !knownAccounts.Contains(account) ? ("bank_account_id", "No bank account with this id.")
        : line.ValueDate is null ? ("value_date", "The value date is required (YYYY-MM-DD).")
        : line.Amount is not { } amount || !new MoneyAttribute().IsValid(amount) ? ("amount", "The amount is above 0 with at most two decimals.")
        : line.Direction is null ? ("direction", "The direction is credit or debit.")
        : string.IsNullOrWhiteSpace(line.BankReference) || line.BankReference.Length > 64 ? ("bank_reference", "The bank reference is 1 to 64 characters.")
        : null;

    /// <summary>CSV with a header row of <see cref="Columns"/>; a value that does not parse is left null, and the checks name it.</summary>
    private static List<Line>? ParseCsv(string text)
    {
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (rows.Length == 0 || !rows[0].Split(',').Select(c => c.Trim()).SequenceEqual(Columns)) return null;
        return rows.Skip(1).Select(row => row.Split(',').Select(c => c.Trim()).ToArray()).Select(c => new Line(
            c.Length > 0 && Guid.TryParse(c[0], out var account) ? account : null,
            c.Length > 1 && DateOnly.TryParseExact(c[1], "yyyy-MM-dd", out var date) ? date : null,
            c.Length > 2 && decimal.TryParse(c[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null,
            c.Length > 3 && SnakeCaseEnum<MoneyDirection>.FromText.TryGetValue(c[3], out var direction) ? direction : null,
            c.Length > 4 ? c[4] : null)).ToList();
    }
}
