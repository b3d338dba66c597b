using System.Globalization;
using Sylvan.Data.Csv;
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
            var text = await new StreamReader(request.Body).ReadToEndAsync(ct);
            (lines, var malformed) = ParseCsv(text);
            if (malformed is not null) return Problems.Invalid(malformed.Value.Field, malformed.Value.Message);
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

    /// <summary>
    /// RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) under a header row of <see cref="Columns"/>.
    /// A row that is not well-formed refuses the whole file, named by its number; a value that does not parse is left
    /// null, and the checks name it.
    /// </summary>
    private static (List<Line>? Lines, (string Field, string Message)? Malformed) ParseCsv(string text)
    {
        var options = new CsvDataReaderOptions { Delimiter = ',', HasHeaders = true };
        var lines = new List<Line>();
        try
        {
            using var csv = CsvDataReader.Create(new StringReader(text), options);
            if (!Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).SequenceEqual(Columns))
                return (null, ("body", $"The first CSV row is the header: {string.Join(',', Columns)}."));
            while (csv.Read())
            {
                if (csv.RowFieldCount == 1 && csv.GetString(0).Length == 0) continue; // a blank line
                if (csv.RowFieldCount != Columns.Length)
                    return (null, ($"lines[{lines.Count}]", $"CSV row {csv.RowNumber} has {csv.RowFieldCount} fields, not {Columns.Length}."));
                string Field(int i) => csv.GetString(i).Trim();
                lines.Add(new Line(
                    Guid.TryParse(Field(0), out var account) ? account : null,
                    DateOnly.TryParseExact(Field(1), "yyyy-MM-dd", out var date) ? date : null,
                    decimal.TryParse(Field(2), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null,
                    SnakeCaseEnum<MoneyDirection>.FromText.TryGetValue(Field(3), out var direction) ? direction : null,
                    Field(4)));
            }
        }
        catch (CsvFormatException e)
        {
            return (null, ($"lines[{lines.Count}]", $"CSV row {e.RowNumber} is not well-formed: a quoted field must end with a quote before the next comma."));
        }
        return (lines, null);
    }
}
