// `npm start`: build, then open the desktop app (Electron). Where the
// Electron binary is not installed and cannot be fetched (no internet, or a
// machine that blocks the download), say so plainly and start the web build
// instead, so the app still runs in a browser against the same handlers.
//   npm start                  build + desktop app (or the web fallback)
//   npm start -- --web         skip Electron, start the web build directly
//   npm start -- --no-build    use the existing build
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const isWindows = process.platform === 'win32';

function run(command, commandArgs, options = {}) {
  // npm is npm.cmd on Windows, which only starts through a shell.
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', shell: isWindows, ...options });
  return result.status ?? 1;
}

/** The Electron binary's path if it is installed, else null. Never triggers a download by itself. */
function installedElectron() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Electron fetches its binary on first use (its install script is not run by npm here); try that once. */
function fetchElectron() {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return null;
  console.log('Đang tải Electron lần đầu (cần Internet)… / Downloading Electron for the first time (needs internet)…');
  // Its stack trace helps nobody here; the first line says what went wrong.
  const result = spawnSync(process.execPath, [installer], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'], timeout: 10 * 60 * 1000, encoding: 'utf8' });
  if (result.status === 0) return installedElectron();
  const firstLine = (result.stderr ?? '').split('\n').find((line) => line.trim() !== '') ?? result.error?.message ?? '';
  if (firstLine) console.log(`   ${firstLine.trim()}`);
  return null;
}

function startWeb(reason) {
  if (reason) {
    console.log('');
    console.log(`⚠ ${reason.vi}`);
    console.log(`⚠ ${reason.en}`);
    console.log('→ Chạy bản web thay thế: mở đường dẫn in ra bên dưới bằng trình duyệt. / Starting the web build instead: open the URL printed below in a browser.');
    console.log('');
  }
  const passThrough = args.filter((a) => a !== '--web' && a !== '--no-build');
  const child = spawn(process.execPath, [join(root, 'dist-electron', 'web.mjs'), ...passThrough], { cwd: root, stdio: 'inherit' });
  forwardSignals(child);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

if (!args.includes('--no-build')) {
  const status = run(isWindows ? 'npm.cmd' : 'npm', ['run', 'build']);
  if (status !== 0) {
    console.error('Không xây dựng được phần mềm (npm run build lỗi). / The build failed (npm run build).');
    process.exit(status);
  }
}

if (args.includes('--web')) {
  startWeb(null);
} else {
  const electron = installedElectron() ?? fetchElectron();
  if (!electron) {
    startWeb({
      vi: 'Chưa có chương trình Electron trên máy này và không tải được (máy không có Internet hoặc việc tải bị chặn), nên không mở được cửa sổ ứng dụng máy tính.',
      en: 'The Electron binary is not installed on this machine and could not be downloaded (no internet, or downloads are blocked), so the desktop window cannot open.',
    });
  } else {
    const env = { ...process.env };
    // Set by some tools; it would make Electron run as plain Node and ignore the app.
    delete env.ELECTRON_RUN_AS_NODE;
    const child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit', env });
    forwardSignals(child);
    child.on('error', (error) => {
      startWeb({
        vi: `Không chạy được Electron (${error.message}).`,
        en: `Electron could not be started (${error.message}).`,
      });
    });
    child.on('exit', (code, signal) => {
      if (code !== null && code !== 0) console.error(`Electron đã thoát với mã ${code}. / Electron exited with code ${code}.`);
      process.exit(code ?? (signal ? 1 : 0));
    });
  }
}
