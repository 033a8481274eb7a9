/* Our word engine (site_overrides/assets/recherche/) against MiniSearch on the same index: time to build,
   time per query, and what each finds for words where they differ (acronyms, expressions, typos).

   Usage (Node 20):
     python benchmarks/bench_search.py 20000 /tmp/index.json          # writes the synthetic index
     npm install --prefix /tmp/ms minisearch@7.2.0
     node --experimental-default-type=module benchmarks/bench_search_engines.mjs /tmp/index.json /tmp/ms/node_modules/minisearch/dist/es/index.js
*/
import fs from "node:fs";
import { TextIndex } from "../site_overrides/assets/recherche/matcher.js";
import { fold } from "../site_overrides/assets/recherche/text.js";
import { stemmer } from "../site_overrides/assets/vendor/stemmer-fr/fr.js";

const [indexPath, miniSearchPath] = process.argv.slice(2);
const index = JSON.parse(fs.readFileSync(indexPath, "utf-8"));
const n = index.offres.length;
const QUERIES = ["caf", "atelier ordinateur", "smarphone", "impots", "pole emploi", "debutant", "atelier ordinateur internet em"];
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(f, runs) {
  const t = [];
  let r;
  for (let i = 0; i < runs; i++) { const t0 = performance.now(); r = f(); t.push(performance.now() - t0); }
  return [median(t), r];
}

const fresh = new TextIndex(index);
const [build2] = time(() => fresh.build(), 1);
console.log(`offres : ${n}`);
console.log(`moteur de l'annuaire : construction ${build2.toFixed(0)} ms`);
for (const q of QUERIES) {
  const [ms, r] = time(() => fresh.match(fresh.analyse(q), n), 5);
  let found = 0;
  for (let i = 0; i < n; i++) if (r.ok[i]) found++;
  console.log(`  « ${q} » : ${found} offres en ${ms.toFixed(1)} ms`);
}
if (miniSearchPath) {
  const MiniSearch = (await import(miniSearchPath)).default;
  const themes = index.facettes.theme.map((x) => x[1]);
  const docs = index.offres.map((o, i) => ({ id: i, n: o.n, r: o.r, t: o.t.map((j) => themes[j]).join(" "), w: o.w || "" }));
  const cache = new Map();
  const stem = (w) => { let s = cache.get(w); if (s === undefined) { s = stemmer(w); cache.set(w, s); } return s; };
  const mini = new MiniSearch({ fields: ["n", "t", "r", "w"], processTerm: (w) => { w = fold(w); return w.length > 1 ? stem(w) : null; } });
  const [miniBuild] = time(() => { mini.removeAll(); mini.addAll(docs); }, 1);
  console.log(`MiniSearch : construction ${miniBuild.toFixed(0)} ms`);
  const options = { prefix: (t, i, all) => i === all.length - 1, fuzzy: (t) => (t.length >= 5 ? 1 : 0), boost: { n: 4, t: 3, r: 2 }, combineWith: "AND" };
  for (const q of QUERIES) {
    const [ms, r] = time(() => mini.search(q, options), 5);
    const cafe = r.filter((x) => fold(index.offres[x.id].n).includes("cafe")).length;
    console.log(`  « ${q} » : ${r.length} offres en ${ms.toFixed(1)} ms${q === "caf" ? ` (dont ${cafe} « café »)` : ""}`);
  }
}
