/* Every commune of France (recherche/communes.json, loaded on demand) and how a typed place is read:
   a name (any case, accents and hyphens optional, former names of merged communes), a postcode (→ the
   communes it serves) or an INSEE code. Five digits are read as a postcode first: 56100 is Lorient's
   postcode and Langonnet's INSEE code, and people type postcodes. */
import { fold } from "./text.js";

const ABBREVIATIONS = { st: "saint", ste: "sainte" };

/** « Saint-Brieuc », « st brieuc », « SAINT BRIEUC » → « saintbrieuc ». */
export function nameKey(s) {
  return fold(s).split(/[^a-z0-9]+/).filter(Boolean).map((w) => ABBREVIATIONS[w] || w).join("");
}

function departementOf(code) {
  return code.slice(0, 2) === "97" || code.slice(0, 2) === "98" ? code.slice(0, 3) : code.slice(0, 2);
}

export class Communes {
  constructor(url) {
    this.url = url;
    this.list = null;
    this.loading = null;
  }

  load() {
    if (!this.loading) {
      this.loading = fetch(this.url).then((r) => {
        if (!r.ok) throw new Error("communes introuvables");
        return r.json();
      }).then((data) => { this.parse(data); return this; });
    }
    return this.loading;
  }

  parse(data) {
    const scale = data.echelle, epci = data.epci;
    this.departements = {};
    data.departements.forEach((d) => { this.departements[d[0]] = d[1]; });
    this.epciNames = {};
    epci.forEach((e) => { this.epciNames[e[0]] = e[1]; });
    this.byCode = new Map();
    this.byPostcode = new Map();
    this.byKey = new Map();
    this.list = [];
    let lat = 0, lon = 0;
    data.communes.split("\n").forEach((line) => {
      const f = line.split(";");
      const c = { code: f[0], nom: f[1], cps: f[2] ? f[2].split(" ") : [], lat: null, lon: null,
        epci: f[5] ? epci[+f[5]][0] : "", dep: f[6] || departementOf(f[0]) };
      if (f[3] !== "") { lat += +f[3]; lon += +f[4]; c.lat = lat / scale; c.lon = lon / scale; }
      c.cp = c.cps[0] || "";
      c.key = nameKey(c.nom);
      this.list.push(c);
      this.byCode.set(c.code, c);
      c.cps.forEach((cp) => { if (!this.byPostcode.has(cp)) this.byPostcode.set(cp, []); this.byPostcode.get(cp).push(c); });
      if (!this.byKey.has(c.key)) this.byKey.set(c.key, []);
      this.byKey.get(c.key).push(c);
    });
    this.former = data.anciens.map((x) => ({ key: nameKey(x[0]), nom: x[0], commune: this.byCode.get(x[1]) }));
    // Shorter names first among prefix matches: « Morlaix » before « Morlaàs »… and « Brest » before « Brestot ».
    this.sorted = this.list.slice().sort((a, b) => a.key.length - b.key.length || a.key.localeCompare(b.key));
  }

  /** How a commune is written in the field: its name and postcode (never its INSEE code, read as a postcode). */
  label(c) {
    return c.nom + " (" + (c.cp || "dép. " + c.dep) + ")";
  }

  /** Suggestions for what is typed, best first: [{commune, text, kind}] (kind: postcode, code, name, former, prefix). */
  suggest(typed, limit) {
    limit = limit || 8;
    const v = String(typed || "").trim(), out = [], seen = new Set();
    const push = (c, text, kind) => { if (c && !seen.has(c.code) && out.length < limit) { seen.add(c.code); out.push({ commune: c, text: text, kind: kind }); } };
    // « Morlaix (29600) » as the field writes it, and as people type it: « Morlaix 29600 », « 29600 Morlaix ».
    const reversed = /^(\d[0-9AB]\d{3})[\s,]+(.*\S)$/i.exec(v);
    const labelled = /^(.*\S)\s*\(\s*(\d[0-9AB]\d{3}|dép\. \w+)\s*\)$/.exec(v) ||
      /^(.*[^\d\s,])[\s,]+(\d[0-9AB]\d{3})$/i.exec(v) || (reversed && [v, reversed[2], reversed[1]]);
    if (labelled) {
      const key = nameKey(labelled[1]);
      (this.byKey.get(key) || []).forEach((c) => { if (c.cp === labelled[2] || c.cps.indexOf(labelled[2]) >= 0 || "dép. " + c.dep === labelled[2]) push(c, this.describe(c), "name"); });
      if (out.length) return out;
    }
    if (/^\d[0-9AB]\d{0,3}$/i.test(v)) {
      const code = v.toUpperCase();
      if (code.length === 5) {
        (this.byPostcode.get(code) || []).forEach((c) => push(c, this.describe(c), "postcode"));
        const insee = this.byCode.get(code);
        if (insee && !seen.has(insee.code)) push(insee, insee.nom + " — code commune INSEE " + code + (insee.cp ? " (code postal " + insee.cp + ")" : ""), "code");
      } else {
        for (let i = 0; i < this.list.length && out.length < limit; i++) {
          const c = this.list[i];
          if (c.cps.some((cp) => cp.startsWith(code))) push(c, this.describe(c), "prefix");
        }
      }
      return out;
    }
    const key = nameKey(v);
    if (key.length < 2) return out;
    (this.byKey.get(key) || []).forEach((c) => push(c, this.describe(c), "name"));
    this.former.forEach((f) => { if (f.key === key && f.commune) push(f.commune, this.describe(f.commune) + " — anciennement " + f.nom, "former"); });
    for (let i = 0; i < this.sorted.length && out.length < limit; i++) {
      if (this.sorted[i].key.startsWith(key)) push(this.sorted[i], this.describe(this.sorted[i]), "prefix");
    }
    for (let i = 0; i < this.former.length && out.length < limit; i++) {
      const f = this.former[i];
      if (f.key.startsWith(key) && f.commune) push(f.commune, this.describe(f.commune) + " — anciennement " + f.nom, "former");
    }
    return out;
  }

  describe(c) {
    return c.nom + " — " + (c.cps.length ? c.cps.slice(0, 3).join(", ") + (c.cps.length > 3 ? "…" : "") : "sans code postal") +
      ", " + (this.departements[c.dep] || c.dep);
  }

  /** What Enter does with the text: {commune} when one reading wins, {choices} when several communes fit, {} else. */
  resolve(typed) {
    const v = String(typed || "").trim();
    const s = this.suggest(v, 50);
    if (!s.length) return {};
    if (/^\d[0-9AB]\d{3}$/i.test(v)) {
      const byPostcode = s.filter((x) => x.kind === "postcode");
      if (byPostcode.length === 1) return { commune: byPostcode[0].commune };
      if (byPostcode.length > 1) return { choices: byPostcode, postcode: v };
      return { commune: s[0].commune };
    }
    const exact = s.filter((x) => x.kind === "name");
    if (exact.length === 1) return { commune: exact[0].commune };
    if (exact.length > 1) return { choices: exact };
    const former = s.filter((x) => x.kind === "former" && nameKey(v) === nameKey(x.text.split(" — anciennement ")[1]));
    if (former.length === 1) return { commune: former[0].commune };
    return { commune: s[0].commune, guessed: true };
  }

  /** The commune as the engine places a person: centre, EPCI, département. */
  static asPlace(c) {
    return c ? { code: c.code, nom: c.nom, lat: c.lat, lon: c.lon, epci: c.epci, dep: c.dep } : null;
  }
}
