// Sets `repository`, `homepage` and `bugs` of a package.json from a repository address (an https
// URL or git's `git@host:owner/name.git`); leaves them unset when the address is empty or not
// one of those. Usage: node scripts/manifest-urls.mjs MANIFEST [ADDRESS]
import fs from "node:fs";

const [file, address = ""] = process.argv.slice(2);
const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
const ssh = /^git@([^:/\s]+):([^\s]+?)(?:\.git)?$/.exec(address.trim());
let web = null;
if (ssh) web = `https://${ssh[1]}/${ssh[2]}`;
else {
  try {
    const u = new URL(address.trim());
    // Only a public web address: no credentials, no local path.
    if (u.protocol === "https:" && u.username === "" && u.password === "") web = `${u.origin}${u.pathname.replace(/\.git$/, "").replace(/\/$/, "")}`;
  } catch (_) {}
}
delete manifest.repository;
delete manifest.homepage;
delete manifest.bugs;
if (web !== null) {
  manifest.repository = { type: "git", url: `git+${web}.git` };
  manifest.homepage = `${web}#readme`;
  manifest.bugs = { url: `${web}/issues` };
}
fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
