using DirectPay.Domain;
using Microsoft.Extensions.Options;

namespace DirectPay.PaymentWorker;

/// <summary>
/// The banks behind the rails, simulated like a bank sandbox. Answer times are the rail's, times the time scale.
/// Deterministic outcomes by the payer account's last four digits (README, "Test accounts"):
/// 0001 → R01 insufficient funds (retryable, every attempt), 0011 → R01 on the first attempt only,
/// 0002 → R02 account closed, 0003 → R03 no account. Any other account is paid.
/// </summary>
public sealed class SimulatedBank(IOptions<PaymentWorkerOptions> options)
{
    public TimeSpan AnswerDelay(PaymentRail rail)
    {
        var terms = Rails.Of(rail);
        var real = terms.FastestAnswer + (terms.SlowestAnswer - terms.FastestAnswer) * Random.Shared.NextDouble();
        return real * options.Value.TimeScale;
    }

    /// <summary>Null when the bank pays; otherwise why it refused.</summary>
    public static BankFailure? Answer(string payerLast4, int retryCount) => payerLast4 switch
    {
        "0001" => BankFailure.InsufficientFunds,
        "0011" when retryCount == 0 => BankFailure.InsufficientFunds,
        "0002" => BankFailure.AccountClosed,
        "0003" => BankFailure.NoAccount,
        _ => null,
    };
}
