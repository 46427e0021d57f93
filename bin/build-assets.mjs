// Compile GOV.UK Frontend with system fonts and copy the files the pages use
// into portal/static/build/, where WhiteNoise (or runserver) serves them.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const out = join(root, "portal", "static", "build");

mkdirSync(out, { recursive: true });
const result = sass.compile(join(root, "portal", "assets", "app.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "app.css"), result.css);
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
// Images only: the GDS Transport font is for gov.uk alone.
cpSync(join(govuk, "assets", "images"), join(out, "images"), { recursive: true });
console.log(`assets built in ${out} (${result.css.length} bytes of CSS)`);
