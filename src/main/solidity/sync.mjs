// Copies the freshly generated contract wrappers into the compiled source root, file by file, only where
// the content differs: unchanged wrappers keep their timestamps, so the Java compiler sees nothing stale.
// Usage: node sync.mjs <from dir> <to dir>
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const [from, to] = process.argv.slice(2);

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

let copied = 0;
for (const source of files(from)) {
  const target = join(to, relative(from, source));
  const content = readFileSync(source);
  if (!existsSync(target) || !readFileSync(target).equals(content)) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    copied++;
  }
}
console.log(`contract wrappers: ${copied} changed, written to ${to}`);
