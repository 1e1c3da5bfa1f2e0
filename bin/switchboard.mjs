#!/usr/bin/env node
// The `switchboard` command. The CLI is TypeScript run from source: register tsx's loader, then
// hand the arguments to main/cli. The exit code is set, not forced, so stdout drains first.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
