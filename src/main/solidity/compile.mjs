// Compiles the contracts with the pinned solc-js from package-lock.json and writes each one's ABI and
// bytecode (<Name>.abi, <Name>.bin), which the web3j code generator turns into Java wrappers (target/contracts).
// Usage: node compile.mjs <out dir> [<source dir>]: every <Name>.sol of the source dir (default: this one),
// each declaring a contract <Name>. An out dir compiled from the same input (sources, settings, solc
// version: the SHA-256 in <out dir>/.solc-input.sha256) is left as it is, so a rebuild without changes
// skips solc (a fresh clone, or any change, compiles). Each compile is also kept under
// .local/cache/solc/<that SHA-256>/ in the project, so `mvnw clean` does not pay solc-js's seconds again
// for an input it has compiled before (the output is a function of that input alone).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
const sourceDir = process.argv[3] ? resolve(process.argv[3]) : here;
const files = readdirSync(sourceDir).filter((f) => f.endsWith('.sol')).sort();
const sources = Object.fromEntries(files.map((f) => [f, { content: readFileSync(join(sourceDir, f), 'utf8') }]));
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    viaIR: true,
    evmVersion: 'prague',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};
const solcVersion = JSON.parse(readFileSync(require.resolve('solc/package.json'), 'utf8')).version;
const digest = createHash('sha256').update(solcVersion).update('\n').update(JSON.stringify(input)).digest('hex');
const stamp = join(out, '.solc-input.sha256');
const names = files.flatMap((f) => [f.replace(/\.sol$/, '.abi'), f.replace(/\.sol$/, '.bin')]);
const outputs = names.map((f) => join(out, f));
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest && outputs.every((f) => existsSync(f))) {
  console.log(`solc ${solcVersion}: ${files.join(', ')} unchanged since the last compile (${out})`);
  process.exit(0);
}
const cache = join(here, '..', '..', '..', '.local', 'cache', 'solc', digest);
if (names.every((f) => existsSync(join(cache, f)))) {
  mkdirSync(out, { recursive: true });
  names.forEach((f) => copyFileSync(join(cache, f), join(out, f)));
  writeFileSync(stamp, digest);
  console.log(`solc ${solcVersion}: ${files.join(', ')} compiled before from the same input (${cache})`);
  process.exit(0);
}
const solc = require('solc');
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const problems = (output.errors || []).filter((e) => e.severity === 'error');
(output.errors || []).forEach((e) => console.error(e.formattedMessage));
if (problems.length > 0) {
  process.exit(1);
}
mkdirSync(out, { recursive: true });
for (const file of files) {
  const name = file.replace(/\.sol$/, '');
  const contract = output.contracts[file][name];
  if (!contract) {
    console.error(`${file} declares no contract ${name}`);
    process.exit(1);
  }
  writeFileSync(join(out, `${name}.abi`), JSON.stringify(contract.abi));
  writeFileSync(join(out, `${name}.bin`), contract.evm.bytecode.object);
  console.log(`solc ${solc.version()}: ${name} ${contract.evm.deployedBytecode.object.length / 2} bytes runtime`);
}
writeFileSync(stamp, digest);
// Filled beside and renamed into place, so a concurrent build never copies half a cache entry.
const filling = `${cache}.${process.pid}`;
mkdirSync(filling, { recursive: true });
names.forEach((f) => copyFileSync(join(out, f), join(filling, f)));
try {
  renameSync(filling, cache);
} catch {
  rmSync(filling, { recursive: true, force: true });
}
