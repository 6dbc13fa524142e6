// Lints every bpmn/**/*.bpmn against .bpmnlintrc (Camunda 8.8 compatibility, the rule set
// Camunda Modeler applies) with the bpmnlint CLI. No BPMN files is a pass, not an error:
// bpmn/ may hold only DMN for now. Exits non-zero when bpmnlint reports an error.
import { readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'bpmn');

const files = existsSync(dir)
  ? readdirSync(dir, { recursive: true })
      .filter((name) => name.endsWith('.bpmn'))
      .map((name) => relative(root, join(dir, name)))
      .sort()
  : [];

if (files.length === 0) {
  console.log('lint:bpmn: no bpmn/**/*.bpmn files, nothing to lint.');
  process.exit(0);
}

const cli = createRequire(import.meta.url).resolve('bpmnlint/bin/bpmnlint.js');
const result = spawnSync(process.execPath, [cli, ...files], { cwd: root, stdio: 'inherit' });
if (result.error) throw result.error;

const outcome = result.status === 0 ? 'passed' : 'FAILED';
console.log(`lint:bpmn: ${files.length} file(s) ${outcome} (Camunda 8.8 rules from .bpmnlintrc):`);
for (const file of files) console.log(`  ${file}`);
process.exit(result.status ?? 1);
