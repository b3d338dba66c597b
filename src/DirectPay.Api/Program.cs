using DirectPay;
using DirectPay.Api.Features.Audit;
using DirectPay.Api.Features.Auth;
using DirectPay.Api.Features.Autopay;
using DirectPay.Api.Features.BankAccounts;
using DirectPay.Api.Features.Leases;
using DirectPay.Api.Features.Ledger;
using DirectPay.Api.Features.Payments;
using DirectPay.Api.Features.Payouts;
using DirectPay.Api.Features.Properties;
using DirectPay.Api.Features.Reconciliation;
using DirectPay.Api.Features.Ach;
using DirectPay.Api.Features.Stats;
using DirectPay.Api.Features.Users;
using DirectPay.Api.Features.Webhooks;
using DirectPay.Api.Infrastructure;
using DirectPay.Audit;
using DirectPay.Data;
using DirectPay.Payments;
using DirectPay.Banking.Connection;
using DirectPay.Vault;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor().AddSingleton<IAuditActor, CallerAsAuditActor>(); // before the database: the audit log asks it
builder.AddDirectPayDb(ResourceNames.Database, ConnectionBudget.Api);
builder.AddVault(); // account numbers sealed under the AppHost's vault-key
builder.AddBankConnection(ResourceNames.Bank); // only to hand the old simulator's books to the bank, once
builder.AddRedisClient(ResourceNames.Redis);
builder.Services.AddOutboxRelay();
builder.AddDirectPayJson();
builder.AddDirectPayProblems();
builder.AddDirectPayAuth();
builder.AddDirectPayClientAddresses();
builder.AddDirectPayRateLimits();
builder.AddDirectPayOpenApi();

var app = builder.Build();

app.UseForwardedHeaders(); // first: everything after sees the client's address
app.UseExceptionHandler();
app.UseStatusCodePages(); // an empty 401/403/404/405 still gets a problem+json body
app.UseAuthentication();
app.UseRateLimiter(); // after authentication: writes are limited per user
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference(o => o.WithTitle("DirectPay API").AddPreferredSecuritySchemes("Bearer"));

var v1 = app.MapGroup("/api/v1").RequireAuthorization(); // sign-up and token opt out with AllowAnonymous
v1.MapUsers();
v1.MapAuth();
v1.MapBankAccounts();
v1.MapProperties();
v1.MapLeases();
v1.MapAutopay();
v1.MapPayments();
v1.MapLedger();
v1.MapReconciliation();
v1.MapAchFiles();
v1.MapPayouts();
v1.MapStats();
v1.MapWebhooks();
v1.MapAudit();

// Schema first, then the admin account, then traffic: the worker waits for this api to be healthy.
await app.MigrateDatabaseAsync();
await app.SeedAdminAsync();
app.Run();

/// <summary>Entry point, visible to the tests' in-process host.</summary>
public partial class Program;
