using DirectPay.Domain;

namespace DirectPay.Tests.Domain;

public class PaymentAccountTests
{
    private static readonly Property Flat = new(Guid.NewGuid(), Guid.NewGuid(), "1 Main St", "Springfield", "IL", "62701", null, PropertyType.Apartment, 1500.00m);

    [Theory]
    [InlineData(false, true, "payer_account_id")]
    [InlineData(true, false, "payee_account_id")]
    public void A_payment_from_or_to_an_account_without_its_number_is_refused_naming_it(bool payerOnFile, bool payeeOnFile, string field)
    {
        var lease = new Lease(Guid.NewGuid(), Flat, [new RentShare(Guid.NewGuid(), 1500m)], new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 10),
            1500m, 15, RentPolicy.Default);
        var payer = new BankAccount(Guid.NewGuid(), lease.RenterId, "btok_payer", "4321", "021000021", BankAccountType.Checking, null);
        var payee = new BankAccount(Guid.NewGuid(), lease.LandlordId, "btok_payee", "8765", "021000021", BankAccountType.Checking, null);

        var refused = lease.RefusesPayment(lease.RenterId, new PaymentAccount(payer, true, payerOnFile), new PaymentAccount(payee, true, payeeOnFile),
            100m, PaymentRail.Instant, 0m);

        Assert.NotNull(refused);
        Assert.Equal(field, refused.Field);
        Assert.True(refused.MissingNumber);
        Assert.Contains((payerOnFile ? payee : payer).Id.ToString(), refused.Reason);
        Assert.InRange(refused.Reason.Length, 1, AutopayAttempt.MaxFailureReasonLength); // autopay records it as a failed attempt's reason
        Assert.Null(lease.RefusesPayment(lease.RenterId, new PaymentAccount(payer, true, true), new PaymentAccount(payee, true, true),
            100m, PaymentRail.Instant, 0m));
    }
}
