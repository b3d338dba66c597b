using DirectPay;
using DirectPay.Data;
using DirectPay.PaymentWorker;
using DirectPay.Payments;
using DirectPay.Payments.Ach;
using DirectPay.Vault;
using DirectPay.Webhooks;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddSingleton(TimeProvider.System);
builder.AddDirectPayDb(ResourceNames.Database, ConnectionBudget.PaymentWorker);
builder.AddVault(); // the bank's files, written here, need account numbers opened: the worker holds the keys too
builder.AddRedisClient(ResourceNames.Redis);
builder.AddAchExchange(ResourceNames.Bank);

builder.Services.Configure<PaymentWorkerOptions>(builder.Configuration.GetSection("PaymentWorker"));
builder.Services.AddOutboxRelay(); // autopay and the re-drive write outbox rows too
builder.Services.AddTransient<BankTransfers>();
builder.Services.AddSingleton<StartProcessing>();
builder.Services.AddSingleton<SettlementScheduler>();
builder.Services.AddHostedService(services => services.GetRequiredService<SettlementScheduler>());
builder.Services.AddSingleton<AchOrigination>();
builder.Services.AddHostedService(services => services.GetRequiredService<AchOrigination>());
builder.Services.AddHostedService<BankFileCollector>();
builder.Services.AddHostedService<PaymentStreamConsumer>();
builder.Services.AddHostedService<RedriveStuckPayments>();
builder.Services.AddHostedService<AutopayScheduler>();
builder.Services.AddHostedService<LateFeeScheduler>();
builder.Services.Configure<ReconciliationOptions>(builder.Configuration.GetSection("Reconciliation"));
builder.Services.AddHostedService<ReconciliationJob>();
builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection("Webhooks"));
// Webhook retries are the sender's own (backoff over days, each attempt recorded), not the standard resilience handler's.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; it is the documented way to opt a client out
builder.Services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
    .ConfigurePrimaryHttpMessageHandler(services =>
        new PublicOnlyConnector(services.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowedPrivateHosts).Handler())
    .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
builder.Services.AddHostedService<WebhookSender>();
builder.Services.AddHostedService<Housekeeping>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
