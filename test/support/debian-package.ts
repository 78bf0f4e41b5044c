import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Makes sure a program from Debian's packages is installed: tests use the real server or
 * browser a deployment runs, never a stand-in. When it is missing, `npm test` installs it if it
 * runs as root (as CI and the development machines do), and otherwise stops and says what to
 * install: such tests are never skipped silently.
 */
export function ensureDebianPackage(program: string, packages: readonly string[], usedFor: string): void {
  if (existsSync(program)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${usedFor} need ${program} from Debian. Install it with: sudo apt-get install -y ${packages.join(' ')}`,
    );
  }
  process.stderr.write(`${program} is missing: installing Debian's ${packages.join(', ')} for ${usedFor} …\n`);
  const install = () =>
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    install();
  } catch {
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    install();
  }
  if (!existsSync(program)) throw new Error(`apt-get installed ${packages.join(', ')} but ${program} is still missing`);
}
