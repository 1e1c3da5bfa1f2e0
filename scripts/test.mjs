#!/usr/bin/env node
// The whole test suite, as the README and .ci/run call it: test environment, static checks,
// then every vitest project. The last line is always the count of tests passed, failed and
// skipped, in the plain form CI reads ("tests: N passed, N failed, N skipped").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const steps = [];
function run(label, command, args, options = {}) {
  const started = Date.now();
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false, ...options });
  const ok = result.status === 0;
  steps.push({ label, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!run('test environment', 'bash', ['scripts/ensure-test-env.sh'])) {
  console.log('\ntest environment could not be prepared');
  console.log('tests: 0 passed, 1 failed, 0 skipped');
  process.exit(1);
}
run('typecheck', npm, ['run', '--silent', 'typecheck']);
run('lint', npm, ['run', '--silent', 'lint']);
run('format', npm, ['run', '--silent', 'format:check']);

const reportDir = mkdtempSync(join(tmpdir(), 'switchboard-vitest-'));
const reportFile = join(reportDir, 'report.json');
run('vitest', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reportFile}`,
  ...process.argv.slice(2),
]);

let passed = 0;
let failed = 0;
let skipped = 0;
// CI shows only the tail of the output: name what failed there, with the first lines of why.
const failures = [];
try {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
  // A test file that fails to load has no tests to count; it still fails the run.
  for (const file of report.testResults) {
    if (file.status === 'failed' && file.assertionResults.length === 0) {
      failed += 1;
      failures.push({ name: file.name, message: file.message ?? '' });
    }
    for (const test of file.assertionResults) {
      if (test.status === 'failed') {
        failures.push({ name: test.fullName, message: (test.failureMessages ?? []).join('\n') });
      }
    }
  }
} catch (error) {
  console.log(`could not read the vitest report: ${error.message}`);
  failed += 1;
}
rmSync(reportDir, { recursive: true, force: true });

const staticFailures = steps.filter((step) => step.label !== 'vitest' && !step.ok);
console.log('\n=== summary');
for (const step of steps) console.log(`${step.ok ? 'ok  ' : 'FAIL'} ${step.label} (${step.seconds}s)`);
for (const failure of failures.slice(0, 10)) {
  // eslint-disable-next-line no-control-regex -- strip colour codes from vitest's messages
  const plain = failure.message.replace(/\x1b\[[0-9;]*m/g, '');
  console.log(`\nfailed: ${failure.name}\n  ${plain.slice(0, 1500).split('\n').slice(0, 12).join('\n  ')}`);
}
// Static checks that fail count as failed tests so the closing line can never read green.
failed += staticFailures.length;
const vitestStep = steps.find((step) => step.label === 'vitest');
if (vitestStep && !vitestStep.ok && failed === 0) failed = 1;
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
