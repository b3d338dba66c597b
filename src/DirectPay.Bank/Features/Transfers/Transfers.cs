using DirectPay.Bank.Data;
using DirectPay.Bank.Infrastructure;
using DirectPay.Bank.Simulation;
using DirectPay.Banking.Connection;
using DirectPay.Banking.Nacha;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Bank.Features.Transfers;

/// <summary>
/// POST /transfers takes an instant or wire order (idempotent by its id: the same order again is answered with the
/// transfer's status, another order under that id is 409); GET /transfers/{id} says where it stands. An order on an ACH
/// rail is a book transfer, for what DirectPay's worker answered itself before ACH went in files (its refunds, and
/// payments in flight when that changed).
/// </summary>
public static class Transfers
{
    public static void MapTransfers(this IEndpointRouteBuilder transfers)
    {
        transfers.MapPost("/", SendAsync);
        transfers.MapGet("/{id}", async (string id, TransferDesk desk, CancellationToken ct) =>
            await desk.FindAsync(id, ct) is { } transfer ? Results.Ok(StatusOf(transfer)) : BankProblems.NotFound($"No transfer {id}."));
    }

    private static async Task<IResult> SendAsync(HttpRequest request, BankDb db, TransferDesk desk, CancellationToken ct)
    {
        var (order, unread) = await JsonBody.ReadAsync<TransferOrder>(request, ct);
        if (order is null) return unread!; // the reader gives one or the other
        if (Invalid(order) is { } problem) return problem;
        if (await desk.FindAsync(order.Id, ct) is { } held) return Replay(held, order);
        var rail = SnakeCaseEnum<PaymentRail>.FromText[order.Rail];
        var transfer = new Transfer
        {
            Id = order.Id, Rail = order.Rail, DebtorRouting = order.Debtor.RoutingNumber, DebtorAccount = order.Debtor.AccountNumber,
            CreditorRouting = order.Creditor.RoutingNumber, CreditorAccount = order.Creditor.AccountNumber, Amount = order.Amount,
            Reference = order.Reference, ReceivedAt = desk.Now, AnswerAt = desk.AnswerTime(rail), State = TransferState.Pending,
        };
        db.Transfers.Add(transfer);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear(); // the refused insert would otherwise be tried again with the next save
            return Replay((await desk.FindAsync(order.Id, ct))!, order); // the same order, sent twice at once
        }
        return TypedResults.Accepted($"/transfers/{transfer.Id}", StatusOf(transfer));
    }

    /// <summary>An id the bank holds: the same order is answered with where it stands; another order under it is refused.</summary>
    private static IResult Replay(Transfer held, TransferOrder order) =>
        held.Rail == order.Rail && held.Amount == order.Amount && held.Reference == order.Reference
        && held.DebtorRouting == order.Debtor.RoutingNumber && held.DebtorAccount == order.Debtor.AccountNumber
        && held.CreditorRouting == order.Creditor.RoutingNumber && held.CreditorAccount == order.Creditor.AccountNumber
            ? TypedResults.Ok(StatusOf(held))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Another order has this id",
                detail: $"The bank holds a different transfer under id {order.Id}; an id names one order, ever.");

    private static IResult? Invalid(TransferOrder? order)
    {
        if (order is null) return Refused("order", "send a transfer order");
        if (string.IsNullOrEmpty(order.Id) || order.Id.Length > TransferOrder.LongestId || !order.Id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return Refused("id", $"1 to {TransferOrder.LongestId} letters, digits or hyphens");
        if (!SnakeCaseEnum<PaymentRail>.FromText.TryGetValue(order.Rail ?? "", out var rail)) return Refused("rail", "instant, wire, same_day_ach or standard_ach");
        if ((Party(order.Debtor, "debtor") ?? Party(order.Creditor, "creditor")) is { } party) return party;
        var limit = Rails.Of(rail).Limit;
        if (order.Amount <= 0 || decimal.Round(order.Amount, 2) != order.Amount || order.Amount > limit)
            return Refused("amount", $"more than 0 and at most {limit:0.00}, with at most two decimals");
        if (string.IsNullOrWhiteSpace(order.Reference) || order.Reference.Length > 64) return Refused("reference", "1 to 64 characters");
        return null;
    }

    private static IResult? Party(TransferParty? party, string name) =>
        party is null ? Refused(name, "name the account")
        : !RoutingNumbers.IsValid(party.RoutingNumber ?? "") ? Refused($"{name}.routing_number", "is not a routing number")
        : party.AccountNumber is not { } number || !BankAccountNumber.IsValid(number)
            ? Refused($"{name}.account_number", "an account number is 4 to 17 digits")
        : null;

    private static IResult Refused(string field, string problem) => BankProblems.Unprocessable(field, problem, "order");

    private static TransferStatus StatusOf(Transfer t) => new(t.Id, SnakeCaseEnum<TransferState>.ToText[t.State], t.ReasonCode,
        t.State == TransferState.Pending ? t.AnswerAt : null, t.BookedOn);
}
