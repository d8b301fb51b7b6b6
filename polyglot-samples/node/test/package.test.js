// The package as its users get it: `npm pack`, then `npm install <tarball>` into an empty project
// with no registry at all (a dead one and an empty cache), then imported and used to sign a
// vector. Needs npm; without it the test is skipped, except under CI=true where it fails.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL("..", import.meta.url));
const VECTOR = JSON.parse(
  readFileSync(new URL("../../../fixtures/vectors/seed.json", import.meta.url)),
).vectors.find((v) => v.id === "seed-008-create-note-nested-site");

function npmVersion() {
  try {
    return execFileSync("npm", ["--version"], { encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

const npm = npmVersion();
const skip =
  npm === undefined && process.env.CI !== "true"
    ? "npm is not installed (apt-get install -y npm); CI=true makes this a failure"
    : false;

test(
  "npm pack, install offline into an empty project, import and sign",
  { skip },
  (t) => {
    assert.ok(npm, "npm is required under CI=true (apt-get install -y npm)");
    const dir = mkdtempSync(join(tmpdir(), "itk-node-package-"));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const run = (args, cwd) =>
      execFileSync(
        "npm",
        [...args, "--cache", join(dir, "cache"), "--no-audit", "--no-fund"],
        {
          cwd,
          encoding: "utf8",
          // Nothing from the network: the package has no dependencies to fetch.
          env: { ...process.env, npm_config_registry: "http://127.0.0.1:9/" },
        },
      );

    const [packed] = JSON.parse(
      run(["pack", "--json", "--pack-destination", dir], HERE),
    );
    const files = packed.files.map((f) => f.path).sort();
    assert.deepEqual(files, [
      "README.md",
      "index.js",
      "lib/canonical.js",
      "lib/client.js",
      "lib/signer.js",
      "package.json",
    ]);

    const project = join(dir, "project");
    execFileSync("mkdir", [project]);
    writeFileSync(join(project, "package.json"), '{"private": true}\n');
    run(["install", "--offline", join(dir, packed.filename)], project);

    writeFileSync(
      join(project, "use.mjs"),
      `import { sign, IssuetrakClient } from "itk-issuetrak";
import { canonicalPath } from "itk-issuetrak/canonical";
const input = JSON.parse(process.argv[2]);
const { signature, headers } = sign(input);
console.log(JSON.stringify({ signature, headers, client: typeof IssuetrakClient, path: canonicalPath(input.path) }));
`,
    );
    const out = JSON.parse(
      execFileSync(
        process.execPath,
        ["use.mjs", JSON.stringify(VECTOR.input)],
        {
          cwd: project,
          encoding: "utf8",
        },
      ),
    );
    assert.equal(out.signature, VECTOR.expected.signature);
    assert.deepEqual(out.headers, VECTOR.expected.headers);
    assert.equal(out.path, VECTOR.expected.path);
    assert.equal(out.client, "function");
  },
);
