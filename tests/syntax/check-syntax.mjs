// Parses each PowerShell file named on the command line (or '-' plus text on stdin) with the
// tree-sitter PowerShell grammar and prints one JSON line per file:
//   {"file": "...", "ok": true|false, "errors": [{"line": n, "column": n, "text": "..."}]}
// Exit code 0 when every file parsed cleanly, 1 otherwise.
import { Parser, Language } from 'web-tree-sitter';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
await Parser.init();
const language = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
const parser = new Parser();
parser.setLanguage(language);

function problems(node, found = []) {
  if (node.type === 'ERROR' || node.isMissing) {
    found.push({ line: node.startPosition.row + 1, column: node.startPosition.column + 1, text: node.isMissing ? `missing ${node.type}` : node.text.slice(0, 60) });
    return found;
  }
  if (node.hasError) for (const child of node.children) problems(child, found);
  return found;
}

let failed = false;
for (const file of process.argv.slice(2)) {
  const source = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const tree = parser.parse(source);
  const errors = problems(tree.rootNode);
  if (errors.length) failed = true;
  console.log(JSON.stringify({ file, ok: errors.length === 0, errors }));
}
process.exit(failed ? 1 : 0);
