using DirectPay;
using DirectPay.Bank;
using DirectPay.Bank.Data;
using DirectPay.Bank.Features.Accounts;
using DirectPay.Bank.Features.Ach;
using DirectPay.Bank.Features.Sandbox;
using DirectPay.Bank.Features.Transfers;
using DirectPay.Bank.Infrastructure;
using DirectPay.Bank.Simulation;
using DirectPay.Banking;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddSingleton(TimeProvider.System);
// Everything the bank does happens on the banking clock: compressed in the demo and the tests, real in production.
builder.Services.AddSingleton(services => BankingClock.FromConfiguration(builder.Configuration, services.GetRequiredService<TimeProvider>()));
builder.Services.AddOptions<BankOptions>().BindConfiguration("Bank")
    .Validate(o => o.ApiKey.Length >= 32, "Bank:ApiKey is missing or shorter than 32 characters: run the bank through the AppHost.")
    .Validate(o => DirectPay.Banking.Nacha.RoutingNumbers.IsValid(o.Routing), "Bank:Routing is not a routing number.")
    .ValidateOnStart();
var connectionString = builder.Configuration.GetConnectionString(ResourceNames.BankDatabase) ?? throw new InvalidOperationException(
    $"No connection string '{ResourceNames.BankDatabase}': run the bank through the AppHost (dotnet run --project src/DirectPay.AppHost).");
builder.Services.AddDbContextPool<BankDb>(options => options.UseBankDb(connectionString));
builder.EnrichNpgsqlDbContext<BankDb>(settings => settings.DisableRetry = true); // its rounds are transactions it retries whole
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
builder.Services.AddScoped<TransferDesk>();
builder.Services.AddHostedService<AchProcessing>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();

var ach = app.MapGroup("/ach").RequireCustomerKey();
ach.MapReceiveFile();
ach.MapOutboundFiles();
app.MapGroup("/transfers").RequireCustomerKey().MapTransfers();
app.MapGroup("/accounts").RequireCustomerKey().MapSettlementDay();
app.MapGroup("/sandbox").RequireCustomerKey().MapSandbox();

await app.MigrateBankDbAsync(connectionString);
app.Run();
