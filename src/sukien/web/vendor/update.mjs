// Copy the dashboard's third-party files from node_modules into this folder.
// Run from the repository root after `npm ci --ignore-scripts`:  npm run vendor
// The versions are pinned in package.json / package-lock.json; README.md here lists them.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "..", "..", "..", "..", "node_modules");

const files = [
  ["chart.js", "dist/chart.umd.min.js", "chart.umd.min.js"],
  ["chart.js", "LICENSE.md", "chart.js.LICENSE.md"],
  ["cytoscape", "dist/cytoscape.min.js", "cytoscape.min.js"],
  ["cytoscape", "LICENSE", "cytoscape.LICENSE"],
  ["swagger-ui-dist", "swagger-ui-bundle.js", "swagger-ui-bundle.js"],
  ["swagger-ui-dist", "swagger-ui.css", "swagger-ui.css"],
  ["swagger-ui-dist", "LICENSE", "swagger-ui.LICENSE"],
  ["swagger-ui-dist", "NOTICE", "swagger-ui.NOTICE"],
];

const rows = [];
for (const [pkg, from, to] of files) {
  copyFileSync(join(modules, pkg, from), join(here, to));
  const { version } = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8"));
  rows.push(`| ${to} | ${pkg} | ${version} | ${from} |`);
}

writeFileSync(join(here, "README.md"), `# Vendored browser libraries

Copied from the npm packages pinned in the repository's package.json by \`npm run vendor\`
(src/sukien/web/vendor/update.mjs); do not edit them by hand. Licences are kept beside them.

| file | npm package | version | path in the package |
|---|---|---|---|
${rows.join("\n")}

- Chart.js (MIT): the dyad chart (monthly Goldstein mean and QuadClass counts).
- Cytoscape.js (MIT): the actor graph.
- Swagger UI (Apache-2.0): the OpenAPI page at /docs, served from here so the
  Content-Security-Policy can stay \`'self'\` only.
`);
console.log(`vendored ${files.length} files into ${here}`);
