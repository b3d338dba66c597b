// Reads a NACHA file with @midlandsbank/node-nacha (a parser of @ach/ach's lineage) several times and prints, as one
// JSON line, the median time of a read, the entries it found and the heap it used: bench/formats.sh compares this
// with DirectPay's reader on the same file.
const fs = require('fs');
const nacha = require('@midlandsbank/node-nacha');

const [path, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);
const text = fs.readFileSync(path).toString();

let entries = 0;
const times = [];
for (let i = 0; i < runs + 2; i++) {
  const start = process.hrtime.bigint();
  const file = nacha.from(text).data;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (i >= 2) times.push(ms); // the first two runs warm the JIT up
  entries = file.batches.reduce((n, b) => n + b.entries.length, 0);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ medianMs: times[Math.floor(times.length / 2)], entries, heapMB: process.memoryUsage().heapUsed / 1048576 }));
