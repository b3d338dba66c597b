using System.Text;
using DirectPay.Banking.Nacha;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Tests.Vault;
using DirectPay.Vault;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DirectPay.Tests.EndToEnd;

/// <summary>A key rotation's sweep, on a database of its own (the shared app keeps its one key).</summary>
[Collection(AppCollection.Name)]
public class VaultRotationTests(DirectPayApp app) : EndToEndTest(app)
{
    private const string OldSecret = "old-secret-of-at-least-thirty-two-characters";
    private const string NewSecret = "new-secret-of-at-least-thirty-two-characters";

    [Fact]
    public async Task The_sweep_seals_every_number_and_file_again_under_the_current_key_and_leaves_what_it_cannot_open()
    {
        var connection = new NpgsqlConnectionStringBuilder(App.DatabaseConnectionString) { Database = $"rotation_{Guid.NewGuid():N}" };
        await using var db = new DirectPayDb(new DbContextOptionsBuilder<DirectPayDb>().UseDirectPay(connection.ConnectionString, TimeProvider.System).Options);
        try
        {
            await db.Database.MigrateAsync();
            var before = VaultProtectorTests.With("k1", ("k1", OldSecret));
            var user = new User(Guid.CreateVersion7(), $"r-{Guid.NewGuid():N}@example.com", "A renter", UserRole.Renter);
            user.SetPasswordHash("not a real hash");
            var account = new BankAccount(Guid.CreateVersion7(), user.Id, "tok", "6789", "021000021", BankAccountType.Checking, null);
            var lost = new BankAccount(Guid.CreateVersion7(), user.Id, "tok2", "1111", "021000021", BankAccountType.Checking, null);
            db.AddRange(user, account, lost);
            db.BankAccountNumbers.Add(BankAccountNumber.For(before, account.Id, "000123456789"));
            // Sealed under a key no one has any more: the sweep must leave it, not lose it.
            db.BankAccountNumbers.Add(BankAccountNumber.For(VaultProtectorTests.With("k0", ("k0", "a-retired-secret-of-thirty-two-characters")), lost.Id, "1111"));
            var bytes = Encoding.ASCII.GetBytes(Banking.HandBuilt.Lf(Banking.HandBuilt.ReturnFile()));
            var nacha = NachaReader.Read(bytes);
            var fileId = Guid.CreateVersion7();
            db.AchFiles.Add(new AchFile(fileId, AchFileDirection.Received, AchFile.Returns, nacha, "digest", AchFile.Seal(before, fileId, bytes), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            var rotated = VaultProtectorTests.With("k2", ("k1", OldSecret), ("k2", NewSecret));
            Assert.Equal((2, 1), await db.ResealAsync(rotated, CancellationToken.None));
            Assert.Equal((0, 1), await db.ResealAsync(rotated, CancellationToken.None)); // done: only the unopenable one is left
            db.ChangeTracker.Clear();

            var after = VaultProtectorTests.With("k2", ("k2", NewSecret)); // k1 retired
            var number = await db.BankAccountNumbers.SingleAsync(n => n.BankAccountId == account.Id);
            Assert.Equal(("k2", "000123456789"), (number.KeyId, number.Open(after)));
            var file = await db.AchFiles.SingleAsync(f => f.Id == fileId);
            Assert.Equal(("k2", Encoding.ASCII.GetString(bytes)), (file.KeyId, Encoding.ASCII.GetString(file.Open(after))));
            Assert.Equal("k0", await db.BankAccountNumbers.Where(n => n.BankAccountId == lost.Id).Select(n => n.KeyId).SingleAsync());
        }
        finally
        {
            await db.Database.EnsureDeletedAsync();
        }
    }
}
