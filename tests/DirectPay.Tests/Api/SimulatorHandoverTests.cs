using DirectPay.Api.Infrastructure;
using static DirectPay.Api.Infrastructure.SimulatorHandover;

namespace DirectPay.Tests.Api;

/// <summary>What the old in-database simulator's books become at the bank.</summary>
public class SimulatorHandoverTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Fact]
    public void A_pending_return_moves_the_money_back_on_top_of_the_balances_it_had_not_touched_yet()
    {
        var (renter, landlord, payment) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // A 1,000.00 payment settled (its two lines) and its return was still pending: balances are as after the payment.
        Balance[] balances = [new(renter, 99_000.00m), new(landlord, 101_000.00m)];
        Line[] lines =
        [
            new(Guid.NewGuid(), renter, Today, 1_000.00m, "debit", payment.ToString()),
            new(Guid.NewGuid(), landlord, Today, 1_000.00m, "credit", payment.ToString()),
        ];

        var moved = Movements(balances, lines, [new Returning(payment, renter, landlord, 1_000.00m)], Today);

        // At the bank, each account opens with 100,000.00: the renter has it all back, the landlord gave the payment back.
        Assert.Equal(100_000.00m, 100_000.00m + moved.Where(m => m.BankAccountId == renter).Sum(m => m.Amount));
        Assert.Equal(100_000.00m, 100_000.00m + moved.Where(m => m.BankAccountId == landlord).Sum(m => m.Amount));
        Assert.DoesNotContain(moved, m => m.Reference == "carried-over-balance");
    }

    [Fact]
    public void What_the_lines_do_not_explain_is_carried_over_once_under_ids_that_do_not_change()
    {
        var account = Guid.NewGuid();
        Balance[] balances = [new(account, 100_500.00m)];
        Line[] lines = [new(Guid.NewGuid(), account, Today, 1_500.00m, "credit", "old-payment")];

        var first = Movements(balances, lines, [], Today);
        var again = Movements(balances, lines, [], Today.AddDays(1));

        Assert.Equal(new[] { 1_500.00m, -1_000.00m }, first.Select(m => m.Amount));
        Assert.Equal(first.Select(m => m.Id), again.Select(m => m.Id)); // sent again after a crash, booked once
    }
}
