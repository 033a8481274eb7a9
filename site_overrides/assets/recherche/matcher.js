/* Word-level matching with relevance, without the DOM. Each offer's name, summary, description words,
   structure and places are cut into terms (text.js) once; a query is cut the same way and each of its
   words must match (AND): its stem anywhere, a prefix of the word being typed, one typo in words of
   5 letters or more, or an everyday word of the vocabulary that names a theme, public, type of offer or
   public body of the offer. Scores weigh where the word matched (name > codes > summary > rest). */
import { Analyzer, acronymsOf, words, withinOneEdit } from "./text.js";

const FIELD_WEIGHT = [10, 5, 2, 3, 3];    // name, summary, description, structure, place
const FIELD_NAMES = ["nom", "résumé", "description", "structure", "lieu"];
const CODE_WEIGHT = 7;                     // a theme, public, segment or public body named by the word
const REFERRED_WEIGHT = 4;                 // a public body that refers people to the offer
const EXACT = 1, PREFIX = 0.6, FUZZY = 0.5;
export const KINDS = ["theme", "public", "segment", "organisme"];
const KIND_LABEL = { theme: "thème", public: "public", segment: "type d'offre", organisme: "organisme" };

export class TextIndex {
  constructor(index) {
    this.index = index;
    this.analyzer = new Analyzer(index.mots_vides, acronymsOf(index.vocabulaire));
    this.ready = false;
  }

  /** Terms of every offer and of the vocabulary: done once, on the first query with words at the latest. */
  build() {
    this.buildSome(Infinity);
  }

  /** Part of the build, for about `ms` milliseconds (the page builds while the person reads); true when done. */
  buildSome(ms) {
    if (this.ready) return true;
    if (!this.step) this.step = this.builder();
    const end = performance.now() + ms;
    while (performance.now() < end) if (this.step.next().done) return true;
    return this.ready;
  }

  *builder() {
    const idx = this.index, an = this.analyzer, n = idx.offres.length;
    this.codes = {};
    KINDS.forEach((kind) => {
      const labels = kind === "organisme" ? idx.organismes : idx.facettes[kind];
      this.codes[kind] = labels.map((item, i) => {
        const single = new Map(), phrases = [];
        an.ids(item[1]).forEach((id) => single.set(id, item[1]));
        (idx.vocabulaire[kind][i] || []).forEach((entry) => {
          const ids = an.ids(entry);
          if (ids.length === 1 && !single.has(ids[0])) single.set(ids[0], entry);
          else if (ids.length > 1) phrases.push({ ids: ids, entry: entry });
        });
        return { label: item[1], single: single, phrases: phrases, offers: [], referred: [] };
      });
    });
    const structures = idx.structures.map((s) => an.ids(s[0]));
    const communes = idx.communes.map((c) => an.ids(c[1]));
    const venues = idx.lieux.map((v) => an.ids(v[3]).concat(communes[v[2]]));
    const described = idx.mots.map((w) => an.ids(w));
    this.fields = new Array(n);
    const postings = this.postings = new Map();
    const add = (i, ids, field) => {
      const key = i * 8 + field;
      for (let k = 0; k < ids.length; k++) {
        let p = postings.get(ids[k]);
        if (!p) postings.set(ids[k], p = []);
        // Offers and fields come in order: a repeated word of the same field is the last entry.
        else if (p[p.length - 1] === key) continue;
        p.push(key);
      }
    };
    const orgOfTheme = idx.theme_organisme;
    for (let i = 0; i < n; i++) {
      const o = idx.offres[i];
      const desc = [];
      if (o.w) for (let k = 0; k < o.w.length; k++) for (const id of described[o.w[k]]) desc.push(id);
      const place = [];
      if (o.v) for (let k = 0; k < o.v.length; k++) for (const id of venues[o.v[k]]) place.push(id);
      const f = this.fields[i] = [an.ids(o.n), an.ids(o.r), desc, structures[o.s], place];
      for (let k = 0; k < 5; k++) add(i, f[k], k);
      this.codes.segment[o.g].offers.push(i);
      o.t.forEach((t) => this.codes.theme[t].offers.push(i));
      o.p.forEach((p) => this.codes.public[p].offers.push(i));
      // A public body's words find the offers helping with its procedures (by theme), and, lower,
      // those it refers people to.
      const orgs = new Set();
      o.t.forEach((t) => { if (orgOfTheme[t] >= 0) orgs.add(orgOfTheme[t]); });
      orgs.forEach((x) => this.codes.organisme[x].offers.push(i));
      (o.o || []).forEach((x) => { if (!orgs.has(x)) this.codes.organisme[x].referred.push(i); });
      if (i % 500 === 499) yield;
    }
    this.wordList = Array.from(an.byWord.keys()).filter((w) => an.byWord.get(w) >= 0);
    this.ready = true;
  }

  /** What a query asks: groups of words (a vocabulary expression is one group), each with the terms it accepts. */
  analyse(q) {
    this.build();
    const an = this.analyzer, typing = !/[\s'’,.;:!?)-]$/.test(q || "");
    const ws = words(q).filter((w) => !an.isStopword(w));
    const cands = ws.map((w, i) => this.candidates(w, typing && i === ws.length - 1));
    const groups = [];
    for (let i = 0; i < ws.length; i++) {
      const phrase = this.phraseAt(cands, i);
      if (phrase) {
        groups.push({ words: ws.slice(i, i + phrase.length), cands: cands.slice(i, i + phrase.length), codes: phrase.codes });
        i += phrase.length - 1;
      } else {
        groups.push({ words: [ws[i]], cands: [cands[i]], codes: this.codesOf(cands[i]) });
      }
    }
    return { words: ws, groups: groups };
  }

  /** Terms a query word accepts, with the weight of each way of matching. */
  candidates(w, typing) {
    const an = this.analyzer, out = new Map();
    if (an.isAcronym(w)) { out.set(an.wordId(w), EXACT); return out; }
    const own = an.wordId(w);
    if (own >= 0) out.set(own, EXACT);
    const list = this.wordList;
    if (typing && w.length >= 2) {
      for (let i = 0; i < list.length; i++) if (list[i].length > w.length && list[i].startsWith(w)) {
        const id = an.byWord.get(list[i]);
        if (!out.has(id)) out.set(id, PREFIX);
      }
    }
    if (w.length >= 5) {
      for (let i = 0; i < list.length; i++) if (withinOneEdit(list[i], w)) {
        const id = an.byWord.get(list[i]);
        if (!out.has(id) && !an.terms[id].startsWith("=")) out.set(id, FUZZY);
      }
    }
    return out;
  }

  /** The codes whose label word or one-word vocabulary entry a word names. */
  codesOf(cand) {
    const found = [];
    KINDS.forEach((kind) => this.codes[kind].forEach((c, code) => {
      let best = 0, entry = null;
      c.single.forEach((text, id) => { const w = cand.get(id); if (w && w > best) { best = w; entry = text; } });
      if (best) found.push({ kind: kind, code: code, weight: best, entry: entry });
    }));
    return found;
  }

  /** The longest vocabulary expression starting at word i, with the codes it names. */
  phraseAt(cands, i) {
    let best = null;
    KINDS.forEach((kind) => this.codes[kind].forEach((c, code) => c.phrases.forEach((ph) => {
      if (i + ph.ids.length > cands.length || (best && best.length > ph.ids.length)) return;
      for (let k = 0; k < ph.ids.length; k++) if (!cands[i + k].has(ph.ids[k])) return;
      if (!best || best.length < ph.ids.length) best = { length: ph.ids.length, codes: [] };
      best.codes.push({ kind: kind, code: code, weight: EXACT, entry: ph.entry });
    })));
    return best;
  }

  /** Score of every offer for one group (0: no match). */
  groupScores(g, n) {
    const total = new Float32Array(n);
    const perWord = g.cands.map((cand) => {
      const s = new Float32Array(n);
      cand.forEach((w, id) => {
        const p = this.postings.get(id);
        if (p) for (let k = 0; k < p.length; k++) {
          const i = p[k] >> 3, v = FIELD_WEIGHT[p[k] & 7] * w;
          if (v > s[i]) s[i] = v;
        }
      });
      return s;
    });
    const codeScore = g.words.length;   // a group of words all named by a code counts for each word
    if (perWord.length === 1) total.set(perWord[0]);
    else for (let i = 0; i < n; i++) {
      let sum = 0, all = true;
      for (let k = 0; k < perWord.length; k++) { if (!perWord[k][i]) { all = false; break; } sum += perWord[k][i]; }
      if (all) total[i] = sum;
    }
    g.codes.forEach((c) => {
      const code = this.codes[c.kind][c.code];
      [[code.offers, CODE_WEIGHT], [code.referred || [], REFERRED_WEIGHT]].forEach(([offers, weight]) => {
        const v = weight * c.weight * codeScore;
        for (let k = 0; k < offers.length; k++) if (v > total[offers[k]]) total[offers[k]] = v;
      });
    });
    return total;
  }

  /** Offers matching every group; when none does, without the words found nowhere; then any word. */
  match(analysis, n) {
    const gs = analysis.groups.map((g) => this.groupScores(g, n));
    const empty = gs.map((s) => !s.some((v) => v > 0));
    const dropped = [];
    analysis.groups.forEach((g, k) => { if (empty[k]) dropped.push(g.words.join(" ")); });
    const kept = gs.filter((s, k) => !empty[k]);
    const score = new Float32Array(n), count = new Uint8Array(n);
    kept.forEach((s) => { for (let i = 0; i < n; i++) if (s[i] > 0) { score[i] += s[i]; count[i]++; } });
    let need = kept.length, mode = dropped.length ? "sans" : "tous";
    let any = false;
    for (let i = 0; i < n && !any; i++) if (kept.length && count[i] === need) any = true;
    if (!any && kept.length) { need = 1; mode = "certains"; }
    const ok = new Uint8Array(n);
    if (kept.length) for (let i = 0; i < n; i++) if (count[i] >= need) ok[i] = 1;
    // With « any word », offers matching more words come first.
    if (mode === "certains") for (let i = 0; i < n; i++) score[i] += 100 * count[i];
    return { ok: ok, score: score, mode: mode, dropped: dropped, none: !kept.length };
  }

  /** Why an offer matched the query, in words a person reads: the vocabulary or field behind each word. */
  explain(i, analysis) {
    const o = this.index.offres[i], out = [];
    analysis.groups.forEach((g) => {
      const fields = g.cands.map((cand) => this.fieldOf(i, cand));
      if (fields.every((f) => f !== null && f <= 1)) return;   // in the name or summary: the card shows it
      const reason = this.codeReason(o, i, g);
      if (reason) out.push(reason);
      else if (fields[0] !== null && fields[0] >= 2) out.push("« " + g.words.join(" ") + " » : " + FIELD_NAMES[fields[0]]);
    });
    return out;
  }

  codeReason(o, i, g) {
    const has = { theme: o.t, public: o.p, segment: [o.g] };
    for (let k = 0; k < g.codes.length; k++) {
      const c = g.codes[k], code = this.codes[c.kind][c.code];
      const said = (label) => "« " + label + " »" + (words(c.entry).join(" ") !== words(label).join(" ") ? " (" + c.entry + ")" : "");
      if (c.kind !== "organisme" && has[c.kind].indexOf(c.code) >= 0) return KIND_LABEL[c.kind] + " " + said(code.label);
      if (c.kind === "organisme" && code.offers.indexOf(i) >= 0) {
        const t = o.t.find((x) => this.index.theme_organisme[x] === c.code);
        return "thème « " + this.codes.theme[t].label + " » (" + c.entry + ")";
      }
      if (c.kind === "organisme" && code.referred.indexOf(i) >= 0) return code.label + " y oriente des personnes";
    }
    return null;
  }

  /** The best field (0 name … 4 place) where one of the terms occurs in offer i, or null. */
  fieldOf(i, cand) {
    const f = this.fields[i];
    for (let k = 0; k < f.length; k++) for (let j = 0; j < f[k].length; j++) if (cand.has(f[k][j])) return k;
    return null;
  }
}
