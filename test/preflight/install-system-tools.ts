/**
 * Installs, through apt-get, the Debian packages of the programs the tests run that this machine lacks
 * (system-tools.ts), after saying which and why. `npm run test:debian` runs it and then `npm test`; CI runs that
 * same command. It installs nothing and needs no root when every program is there; it refuses, saying what to
 * do instead, without root or without apt-get.
 *
 * Usage: tsx test/preflight/install-system-tools.ts
 */
import { spawnSync } from 'node:child_process';
import { debianPackages, missingSystemTools, TOOL_LOCATIONS, type SystemTool } from './system-tools.js';

const missing = missingSystemTools();
if (missing.length === 0) {
  process.stdout.write('asm-kg: every program the tests run is installed.\n');
  process.exit(0);
}
const packages = debianPackages(missing);
const installLine = `apt-get install --no-install-recommends ${packages.join(' ')}`;
const hasAptGet = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!hasAptGet) fail(`asm-kg: the tests need programs this machine lacks (${listOf(missing)}), and it has no apt-get to install them (Debian packages: ${packages.join(' ')}): install them another way, then run \`npm test\`.`);
if (!TOOL_LOCATIONS.root) fail(`asm-kg: the tests need programs this machine lacks (${listOf(missing)}); installing them takes root: run \`sudo npm run test:debian\`, or \`sudo ${installLine}\` and then \`npm test\`.`);

process.stdout.write(`asm-kg: the tests run programs outside npm that this machine lacks. Installing ${packages.length} Debian package${packages.length === 1 ? '' : 's'} through apt-get (after apt-get update):\n`);
for (const name of packages) {
  const tools = missing.filter((tool) => tool.debianPackage === name);
  process.stdout.write(`  ${name}: ${tools.map((tool) => tool.why).join('; ')}\n`);
}
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
run(['apt-get', 'update', '-qq']);
run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages]);
// The packages may start a system Apache (port 80) and a system Virtuoso; the tests start their own on free
// loopback ports and need neither.
for (const service of ['apache2', 'virtuoso-opensource-7']) spawnSync('service', [service, 'stop'], { stdio: 'ignore', env });

const stillMissing = missingSystemTools();
if (stillMissing.length > 0) fail(`asm-kg: after installing ${packages.join(' ')}, the tests still lack ${listOf(stillMissing)}.`);
process.stdout.write('asm-kg: installed; every program the tests run is there.\n');

function run(command: string[]): void {
  const result = spawnSync(command[0]!, command.slice(1), { stdio: 'inherit', env });
  if (result.status !== 0) fail(`asm-kg: \`${command.join(' ')}\` failed (exit ${result.status ?? result.signal}).`);
}

function listOf(tools: SystemTool[]): string {
  return tools.map((tool) => tool.what).join(', ');
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
