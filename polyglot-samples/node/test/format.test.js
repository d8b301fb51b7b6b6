// The formatter: prettier, at the exact version package-lock.json pins, installed with `npm ci`
// when node_modules lacks it (a second run installs nothing), then `prettier --check .`.
// Needs npm; without it the test is skipped, except under CI=true where it fails.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL("..", import.meta.url));
const PRETTIER = join(HERE, "node_modules", "prettier");
const pinned = JSON.parse(readFileSync(join(HERE, "package-lock.json")))
  .packages["node_modules/prettier"].version;

function installed() {
  const manifest = join(PRETTIER, "package.json");
  return (
    existsSync(manifest) &&
    JSON.parse(readFileSync(manifest)).version === pinned
  );
}

function hasNpm() {
  return spawnSync("npm", ["--version"]).status === 0;
}

const skip =
  !installed() && !hasNpm() && process.env.CI !== "true"
    ? "npm is not installed (apt-get install -y npm); CI=true makes this a failure"
    : false;

function prettier(...args) {
  return spawnSync(
    process.execPath,
    [join(PRETTIER, "bin", "prettier.cjs"), ...args],
    {
      cwd: HERE,
      encoding: "utf8",
    },
  );
}

test(
  `prettier ${pinned}: every file is formatted, and an unformatted one fails`,
  { skip },
  (t) => {
    if (!installed()) {
      execFileSync(
        "npm",
        ["ci", "--no-audit", "--no-fund", "--prefer-offline"],
        {
          cwd: HERE,
          stdio: ["ignore", "ignore", "inherit"],
        },
      );
    }
    assert.ok(installed(), `npm ci did not install prettier ${pinned}`);

    const check = prettier("--check", ".");
    assert.equal(
      check.status,
      0,
      `run \`npx prettier --write .\` here:\n${check.stdout}${check.stderr}`,
    );

    const dir = mkdtempSync(join(tmpdir(), "itk-node-format-"));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const ugly = join(dir, "ugly.js");
    writeFileSync(ugly, "const  a = {b:1}\n");
    const refused = prettier("--check", ugly);
    assert.equal(
      refused.status,
      1,
      `an unformatted file passed:\n${refused.stdout}${refused.stderr}`,
    );
  },
);
