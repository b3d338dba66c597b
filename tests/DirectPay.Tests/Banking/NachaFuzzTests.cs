using System.Text;
using DirectPay.Banking.Nacha;

namespace DirectPay.Tests.Banking;

/// <summary>Whatever the bytes, reading ends in a file or in the reader's own format error, never in anything else.</summary>
public class NachaFuzzTests
{
    private static readonly byte[][] Valid =
    [
        Encoding.ASCII.GetBytes(HandBuilt.Lf(HandBuilt.ReturnFile())),
        Encoding.ASCII.GetBytes(HandBuilt.CrLf(HandBuilt.ReturnFile())),
        NachaOrigination.Build(NachaWriterTests.DirectPay, new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero), 'A', 1,
            [NachaWriterTests.RentDebit(12.34m), NachaWriterTests.Payout(56.78m) with { PaymentInformation = "NOV RENT" }]).Bytes,
    ];

    private const string Alphabet = "0123456789 9999999999ABCRSPWEDX\r\n\n1567890*\\";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_bytes_truncations_splices_and_flips_never_throw_anything_else(int seed)
    {
        var random = new Random(seed);
        foreach (var valid in Valid)
        {
            for (var length = 0; length <= valid.Length; length++) Read(valid[..length]);
        }
        for (var i = 0; i < 3000; i++)
        {
            var a = Valid[random.Next(Valid.Length)];
            var b = Valid[random.Next(Valid.Length)];
            Read(random.Next(6) switch
            {
                0 => RandomBytes(random),
                1 => [.. a[..random.Next(a.Length)], .. b[random.Next(b.Length)..]],
                2 => Flip(random, a, random.Next(1, 4)),
                3 => Lines(random, a),
                4 => Encoding.ASCII.GetBytes(new string(Enumerable.Range(0, random.Next(2000)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray())),
                _ => Flip(random, a, 1, digitsOnly: true),
            });
        }
    }

    /// <summary>Hand-built return, change and corporate files, each with LF, CR LF and no line breaks.</summary>
    private static readonly string[][] Shapes =
    [
        .. new[] { HandBuilt.ReturnFile(), HandBuilt.ChangeFile(), HandBuilt.CorporateFile() }
            .SelectMany(records => new[] { records.Select(r => r + "\n").ToArray(), records.Select(r => r + "\r\n").ToArray(), records }),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Any_field_overwritten_with_anything_never_throws_anything_else(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 5000; i++)
        {
            var records = Shapes[random.Next(Shapes.Length)].ToArray();
            for (var changes = random.Next(1, 3); changes > 0; changes--)
            {
                var line = random.Next(records.Length);
                var chars = records[line].ToCharArray();
                var (start, length) = (random.Next(94), random.Next(1, 16));
                for (var at = start; at < Math.Min(94, start + length); at++)
                    chars[at] = random.Next(4) == 0 ? (char)random.Next(32, 127) : Alphabet[random.Next(Alphabet.Length)];
                records[line] = new string(chars);
            }
            Read(Encoding.ASCII.GetBytes(string.Concat(records)));
        }
    }

    private static void Read(byte[] bytes)
    {
        try
        {
            NachaReader.Read(bytes);
        }
        catch (NachaFormatException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name} on {Convert.ToBase64String(bytes)}: {e}");
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 1200)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Flip(Random random, byte[] valid, int flips, bool digitsOnly = false)
    {
        var bytes = valid.ToArray();
        for (var i = 0; i < flips; i++)
            bytes[random.Next(bytes.Length)] = digitsOnly ? (byte)('0' + random.Next(10)) : (byte)random.Next(256);
        return bytes;
    }

    /// <summary>Drops, repeats or swaps whole lines, keeping each line well formed.</summary>
    private static byte[] Lines(Random random, byte[] valid)
    {
        var lines = Encoding.ASCII.GetString(valid).Split('\n').ToList();
        var (i, j) = (random.Next(lines.Count), random.Next(lines.Count));
        switch (random.Next(3))
        {
            case 0: lines.RemoveAt(i); break;
            case 1: lines.Insert(i, lines[j]); break;
            default: (lines[i], lines[j]) = (lines[j], lines[i]); break;
        }
        return Encoding.ASCII.GetBytes(string.Join('\n', lines));
    }
}
