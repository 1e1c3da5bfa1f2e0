// `npm run start:web`: the desk (settings, keychain, logs, outbox; the embedded demo gateway in
// demo mode) behind the browser host. Prints the address to open and stops cleanly on Ctrl+C
// (SIGINT) or SIGTERM; a second signal while stopping ends the process at once. --user-data and
// --renderer point it elsewhere (the e2e tests give each run its own of both).

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDeskRuntime } from '../runtime/desk-runtime.ts';
import { startBrowserHost } from './browser-host.ts';
import { WEB_USAGE, parseWebArgs, resolveWebDirectories } from './web-options.ts';

const builtRendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

async function main(): Promise<number> {
  const args = parseWebArgs(process.argv.slice(2));
  if (!args.ok) {
    console.error(`${args.error}\n\n${WEB_USAGE}`);
    return 2;
  }
  if (args.value.help) {
    console.log(WEB_USAGE);
    return 0;
  }

  const { userDataDir, rendererDir } = resolveWebDirectories(args.value, {
    cwd: process.cwd(),
    platform: process.platform,
    env: process.env,
    home: homedir(),
    defaultRendererDir: builtRendererDir,
  });
  try {
    await mkdir(userDataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    console.error(`Cannot use ${userDataDir} as the user-data directory (${code}).`);
    return 1;
  }
  const runtime = await openDeskRuntime({ userDataDir });
  for (const problem of runtime.settingsProblems)
    console.error(`settings.json: ${problem.field}: ${problem.message} (using the default)`);

  let host;
  try {
    host = await startBrowserHost({
      desk: runtime.desk,
      rendererDir,
      port: args.value.port,
      log: runtime.logger.log,
    });
  } catch (error) {
    console.error(
      `Could not start the browser host: ${error instanceof Error ? error.message : String(error)}`,
    );
    await runtime.stop();
    return 1;
  }

  console.log(`Switchboard (${runtime.settings.mode} mode) is ready. Open this address in your browser:

  ${host.url}

The token in it is this run's key: do not share it. User data: ${userDataDir}
Press Ctrl+C to stop.`);
  if (!existsSync(join(rendererDir, 'index.html')))
    console.log(
      rendererDir === builtRendererDir
        ? '\nThe page is not built yet: run npm run build:renderer, then reload.'
        : `\nThere is no built page in ${rendererDir} (no index.html): build the renderer there, then reload.`,
    );

  const running = host;
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      console.log(`\n${signal}: stopping Switchboard…`);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await running.stop();
  await runtime.stop();
  console.log('Stopped.');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Whatever is still open (a keychain connection, a lingering socket) must not keep us alive.
    setTimeout(() => process.exit(code), 2000).unref();
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
