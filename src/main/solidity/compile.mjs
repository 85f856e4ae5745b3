// Compiles KYCRegistrar.sol with the pinned solc-js from package-lock.json and writes the ABI and
// bytecode that the web3j code generator turns into Java wrappers (target/contracts).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const solc = require('solc');
const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
const source = readFileSync(join(here, 'KYCRegistrar.sol'), 'utf8');
const input = {
  language: 'Solidity',
  sources: { 'KYCRegistrar.sol': { content: source } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    viaIR: true,
    evmVersion: 'prague',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const problems = (output.errors || []).filter((e) => e.severity === 'error');
(output.errors || []).forEach((e) => console.error(e.formattedMessage));
if (problems.length > 0) {
  process.exit(1);
}
const contract = output.contracts['KYCRegistrar.sol'].KYCRegistrar;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'KYCRegistrar.abi'), JSON.stringify(contract.abi));
writeFileSync(join(out, 'KYCRegistrar.bin'), contract.evm.bytecode.object);
console.log(`solc ${solc.version()}: KYCRegistrar ${contract.evm.deployedBytecode.object.length / 2} bytes runtime`);
