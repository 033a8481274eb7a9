/* Text as the search sees it: folded (lower case, no accents), cut into words, small words dropped,
   each word reduced to its stem (French Snowball) so that plural, feminine and verb forms meet.
   A word listed as an acronym (CAF, RSA) is kept whole and never stemmed: « caf » is not « café ». */
import { stemmer } from "../vendor/stemmer-fr/fr.js";

const MARKS = /[\u0300-\u036f]/g;
const SEPARATORS = /[^a-z0-9]+/;
// Lower-case words before folding: Latin letters with their accents (œ, æ included), digits.
const RAW_SEPARATORS = /[^a-z0-9\u00c0-\u024f]+/;

/** Lower case, no accents, œ → oe: « Œuvre Élève » → « oeuvre eleve ». */
export function fold(s) {
  s = String(s || "").toLowerCase();
  if (/[^\x00-\x7f]/.test(s)) s = s.normalize("NFD").replace(MARKS, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
  return s;
}

/** Folded words of a text, in order (apostrophes and hyphens separate words). */
export function words(s) {
  return fold(s).split(SEPARATORS).filter(Boolean);
}

/** Edit distance at most 1 (insertion, deletion, substitution or swap of two neighbours). */
export function withinOneEdit(a, b) {
  const la = a.length, lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la && i === lb) return true;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Turns words into terms: one shared dictionary of terms (ids), stems computed once per word. */
export class Analyzer {
  constructor(stopwords, acronyms) {
    this.stop = new Set(stopwords.map(fold));
    this.acronyms = new Set(acronyms.map(fold));
    this.termIds = new Map();   // term → id
    this.terms = [];            // id → term
    this.byWord = new Map();    // folded word → term id (-1: ignored word)
    this.byRaw = new Map();     // lower-case word as written → term id: folding and stemming once per spelling
  }

  /** The term id of a folded word (-1 for a small word), the term created when new. */
  wordId(w) {
    let id = this.byWord.get(w);
    if (id !== undefined) return id;
    if (w.length < 2 || this.stop.has(w)) id = -1;
    else id = this.termId(this.acronyms.has(w) ? "=" + w : stemmer(w));
    this.byWord.set(w, id);
    return id;
  }

  termId(term) {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
    }
    return id;
  }

  /** Term ids of a text, small words left out. */
  ids(text) {
    const out = [];
    const ws = String(text || "").toLowerCase().split(RAW_SEPARATORS);
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i];
      if (!w) continue;
      let id = this.byRaw.get(w);
      if (id === undefined) {
        const folded = words(w);
        id = folded.length === 1 ? this.wordId(folded[0]) : -1;
        if (folded.length > 1) folded.forEach((f) => { const x = this.wordId(f); if (x >= 0) out.push(x); });
        else this.byRaw.set(w, id);
      }
      if (id >= 0) out.push(id);
    }
    return out;
  }

  isAcronym(w) { return this.acronyms.has(w); }
  isStopword(w) { return w.length < 2 || this.stop.has(w); }
}

/** Acronyms are the vocabulary entries written in capitals (« CAF », « RSA »). */
export function acronymsOf(vocabulary) {
  const out = [];
  Object.keys(vocabulary).forEach((kind) => vocabulary[kind].forEach((entries) => entries.forEach((e) => {
    e.split(/[^A-Za-z0-9À-ÿ]+/).forEach((w) => { if (w.length >= 2 && w === w.toUpperCase() && /[A-Z]/.test(w)) out.push(w); });
  })));
  return out;
}
