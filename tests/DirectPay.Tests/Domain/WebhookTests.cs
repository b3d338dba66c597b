using DirectPay.Domain;

namespace DirectPay.Tests.Domain;

public class WebhookDeliveryTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Failed_attempts_back_off_exponentially_and_give_up_after_three_days()
    {
        var delivery = new WebhookDelivery(Guid.NewGuid(), Guid.NewGuid(), WebhookEventTypes.PaymentCompleted, "{}", Now);
        var retryAfter = TimeSpan.FromMinutes(1);

        delivery.AttemptFailed(500, "HTTP 500", retryAfter, Now);
        Assert.Equal(Now.AddMinutes(1), delivery.NextAttemptAt);
        delivery.AttemptFailed(500, "HTTP 500", retryAfter, Now);
        Assert.Equal(Now.AddMinutes(2), delivery.NextAttemptAt);
        delivery.AttemptFailed(null, "timeout", retryAfter, Now);
        Assert.Equal(Now.AddMinutes(4), delivery.NextAttemptAt);

        while (delivery.Status == WebhookDeliveryStatus.Pending) delivery.AttemptFailed(503, "HTTP 503", retryAfter, Now);
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Null(delivery.NextAttemptAt);
        Assert.InRange(delivery.Attempts, 12, 14); // 2^12 minutes is just past three days
    }

    [Fact]
    public void An_endpoint_failing_in_a_row_is_disabled_and_a_success_resets_the_count()
    {
        var endpoint = new WebhookEndpoint(Guid.NewGuid(), Guid.NewGuid(), "https://example.com/hook", [WebhookEventTypes.PaymentFailed]);
        endpoint.Failed(disableAfter: 3);
        endpoint.Failed(disableAfter: 3);
        endpoint.Delivered();
        endpoint.Failed(disableAfter: 3);
        Assert.True(endpoint.IsEnabled);
        endpoint.Failed(disableAfter: 3);
        endpoint.Failed(disableAfter: 3);
        Assert.False(endpoint.IsEnabled);
        Assert.StartsWith("whsec_", endpoint.Secret);
    }
}
