using System.Security.Cryptography;
using DirectPay.Bank.Data;
using DirectPay.Banking;
using DirectPay.Banking.Nacha;

namespace DirectPay.Bank.Simulation;

/// <summary>
/// Writes the files the bank passes to its customer: the receiving banks' returns (addenda 99) or notifications of
/// change (COR, addenda 98), a batch per receiving bank and original batch, each entry traced by the bank that sends it
/// back. Each file is read back with the same reader DirectPay uses before it is kept.
/// </summary>
public static class ReplyFiles
{
    public static OutboundFile Write(ReplyKind kind, IReadOnlyList<(ScheduledReply Reply, ReceivedEntry Entry)> replies, BankOptions bank,
        DateTimeOffset now, char modifier, ref int nextSequence)
    {
        var local = FedCalendar.InNewYork(now);
        var today = DateOnly.FromDateTime(local);
        var batches = new List<NachaBatch>();
        foreach (var group in replies.GroupBy(r => (Rdfi: r.Entry.RoutingNumber[..8], r.Entry.SecCode, r.Entry.CompanyIdentification,
                     r.Entry.CompanyName, r.Entry.EntryDescription)).OrderBy(g => g.Key.Rdfi))
        {
            var entries = new List<NachaEntry>();
            foreach (var (reply, entry) in group.OrderBy(r => r.Entry.TraceNumber))
            {
                var trace = $"{group.Key.Rdfi}{nextSequence:D7}";
                nextSequence = nextSequence == NachaOrigination.LargestSequence ? 1 : nextSequence + 1;
                NachaAddenda addenda = kind == ReplyKind.Return
                    ? new ReturnAddenda(reply.Code, entry.TraceNumber, null, group.Key.Rdfi, "")
                    : new ChangeAddenda(reply.Code, entry.TraceNumber, group.Key.Rdfi, reply.CorrectedData);
                entries.Add(new NachaEntry(TransactionCodes.ReturnOf(entry.TransactionCode), bank.Routing, entry.AccountNumber,
                    kind == ReplyKind.Return ? entry.Amount : 0m, entry.IdentificationNumber, entry.ReceiverName, entry.DiscretionaryData, trace, [addenda]));
            }
            // Traces ascend within a batch: a sequence that wrapped mid-batch starts a batch of its own order.
            entries.Sort((a, b) => string.CompareOrdinal(a.TraceNumber, b.TraceNumber));
            var serviceClass = entries.All(e => TransactionCodes.IsDebit(e.TransactionCode)) ? 225
                : entries.All(e => TransactionCodes.IsCredit(e.TransactionCode)) ? 220 : 200;
            batches.Add(new NachaBatch(new NachaBatchHeader(serviceClass, group.Key.CompanyName, "", group.Key.CompanyIdentification,
                kind == ReplyKind.Return ? group.Key.SecCode : "COR", group.Key.EntryDescription, "", today, today.DayOfYear.ToString("D3"),
                '1', group.Key.Rdfi, batches.Count + 1), entries));
        }
        var header = new NachaFileHeader(bank.Customer.ImmediateOrigin, bank.Routing, today, new TimeOnly(local.Hour, local.Minute), modifier,
            "DIRECTPAY", "SANDBOX BANK");
        var bytes = NachaWriter.Write(new NachaFile(header, batches));
        NachaReader.Read(bytes); // what leaves the bank is a file any reader takes
        var name = kind == ReplyKind.Return ? "RETURN" : "NOC";
        return new OutboundFile
        {
            Id = Guid.CreateVersion7(), Kind = kind == ReplyKind.Return ? OutboundFile.Returns : OutboundFile.NotificationsOfChange,
            Name = $"{name}_{local:yyyyMMdd_HHmm}_{modifier}.ach", Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Content = bytes,
            CreatedAt = now,
        };
    }
}
