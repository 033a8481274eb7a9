/* The assistant's advice, without the DOM: answers + rules (orienter/regles.json, from regles.yml) + the
   offers of the search index → the rule that applies, the offers in order with why in a few words, the next
   step, and when nothing fits, which answer emptied the list and the nearest relaxation.
   Every rule and every word list comes from the data; this file only applies them. Never proposed:
   an offer whose publics exclude the person, or that asks more than the person was said to know. */
import { distanceText } from "./geo.js";
import { parisNow } from "./schedule.js";

const REMOTE_KM = 20;   // as in the search: an offer at a distance ranks like one 20 km away
const LEVEL_WORDS = ["sans prérequis", "demande les bases", "pour personnes autonomes"];
const FAR = 1e6;

function toSet(list) {
  const s = {};
  (list || []).forEach((x) => { if (x >= 0) s[x] = true; });
  return s;
}
function meets(values, set) {
  for (let i = 0; i < (values || []).length; i++) if (set[values[i]]) return true;
  return false;
}
const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);

/** The answers a person gave, in question order: {list: [{q, answers}], codes: {question: [codes]}}. Unknown
    codes are dropped; a question asked only after another answer (« si ») counts only when it was given. */
export function givenAnswers(rules, raw) {
  const out = [], codes = {};
  rules.questions.forEach((q) => {
    const v = raw[q.id], list = v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v];
    const answers = [];
    q.reponses.forEach((a) => { if (list.indexOf(a.code) >= 0 && (q.choix === "plusieurs" || !answers.length)) answers.push(a); });
    const shown = !q.si || Object.keys(q.si).every((k) => (codes[k] || []).some((c) => q.si[k].indexOf(c) >= 0));
    if (answers.length && shown) {
      out.push({ q: q, answers: answers });
      codes[q.id] = answers.map((a) => a.code);
    }
  });
  return { list: out, codes: codes };
}

/** The first rule whose conditions all hold (the last rule has none). */
export function matchRule(rules, codes) {
  return rules.regles.find((r) => Object.keys(r.si).every((k) => (codes[k] || []).some((c) => r.si[k].indexOf(c) >= 0)));
}

/** « La personne : a 60 ans ou plus ; cherche un emploi ; … » — only what was answered. */
export function summaryText(given, place) {
  const parts = [];
  given.list.forEach((g) => g.answers.forEach((a) => parts.push(a.dit)));
  if (place) parts.push("habite " + place.nom);
  return parts.length ? "La personne : " + parts.join(" ; ") + "." : "";
}

export function adviceText(rules, rule) {
  return "Conseil : " + rule.segments.map((s) => rules.segments[s]).join(", sinon ");
}

export class Advisor {
  constructor(engine, rules) {
    this.engine = engine;
    this.rules = rules;
    this.tous = engine.position("public", "tous-publics");
    this.migrants = engine.position("public", "personnes-migrantes");
    this.interpreting = engine.position("adaptation", "langues-etrangeres");
    this.french = engine.position("langue", "fr");
  }

  /** What the answers say about the person, as positions of the index's lists. */
  person(given, rule) {
    const e = this.engine, p = { publics: {}, level: null, themes: null, prefer: -1, adapt: {}, pmr: false, mask: 0,
      proximite: null, langue: -1, texts: {} };
    given.list.forEach((g) => g.answers.forEach((a) => {
      (a.publics || []).forEach((c) => { p.publics[e.position("public", c)] = true; });
      if (a.niveau !== undefined) p.level = a.niveau;
      if (a.prefere) p.prefer = e.position("theme", a.prefere);
      if (a.adaptation) p.adapt[e.position("adaptation", a.adaptation)] = true;
      if (a.pmr) p.pmr = true;
      if (a.masque) p.mask |= a.masque;
      if (a.proximite) p.proximite = a.proximite;
      if (a.langue) p.langue = e.position("langue", a.langue);
    }));
    const need = given.list.find((g) => g.q.id === "besoin");
    const own = need && need.answers[0].themes, themes = rule.themes || own || null;
    p.themes = themes ? toSet(themes.map((c) => e.position("theme", c))) : null;
    // When the rule widens the themes (the basics before the procedure), offers on the need itself come first.
    p.needThemes = rule.themes && own ? toSet(own.map((c) => e.position("theme", c))) : null;
    return p;
  }

  /** The filters an offer must pass, each named by the question it comes from. Publics, level, theme and
      wheelchair access are never relaxed: relaxing them would propose what contradicts the answers. */
  filters(p, place, segments) {
    const e = this.engine, tous = this.tous, url = e.url;
    const segs = toSet(segments.map((s) => e.position("segment", s)));
    const out = [
      { id: "segment", keep: true, test: (x) => !!segs[x.o.g] },
      { id: "active", keep: true, test: (x) => !x.o.x && !x.o.ad },
      { id: "qui", keep: true, test: (x) => x.o.p.indexOf(tous) >= 0 || meets(x.o.p, p.publics) },
    ];
    if (p.themes) out.push({ id: "besoin", keep: true, test: (x) => meets(x.o.t, p.themes) });
    if (p.level !== null) out.push({ id: "aisance", keep: true, test: (x) => (x.o.k || 0) <= p.level });
    if (p.pmr) out.push({ id: "handicap", keep: true, test: (x) => !!x.o.a });
    if (p.mask) out.push({ id: "disponibilite", test: (x) => (x.o.m & p.mask) !== 0 });
    if (p.langue >= 0) out.push({ id: "langue", test: (x) => x.o.l.indexOf(p.langue) >= 0 });
    if (place && p.proximite) {
      const radius = url.radius(p.proximite), ring = url.rings.indexOf(p.proximite);
      out.push({ id: "distance", test: (x) => !!x.o.z || (radius !== null ? x.km !== null && x.km <= radius : x.ring <= ring) });
    }
    return out;
  }

  /** How many offers pass `filters` (what widening needs to know, without ranking them). */
  count(filters) {
    let n = 0;
    this.engine.offers.forEach((x) => {
      for (let f = 0; f < filters.length; f++) if (!filters[f].test(x)) return;
      n++;
    });
    return n;
  }

  /** Offers passing `filters`, ranked: recommended segment order, fit to the person, distance, next date. */
  rank(filters, p, place, segments, now) {
    const e = this.engine, order = {};
    segments.forEach((s, i) => { order[e.position("segment", s)] = i; });
    const found = [];
    e.offers.forEach((x) => {
      for (let f = 0; f < filters.length; f++) if (!filters[f].test(x)) return;
      const fitPublic = meets(x.o.p, p.publics), fitTheme = p.prefer >= 0 && x.o.t.indexOf(p.prefer) >= 0;
      const fitAdapt = meets(x.o.e, p.adapt) || (p.langue >= 0 && p.langue !== this.french &&
        (x.o.p.indexOf(this.migrants) >= 0 || (x.o.e || []).indexOf(this.interpreting) >= 0));
      const fitNeed = !!p.needThemes && meets(x.o.t, p.needThemes);
      // Fit to the person (their public, their disability or language) ranks before distance; fit to the subject
      // (the body, the need) only among offers as near: a Visa 130 km away never passes the one in the person's town.
      found.push({ x: x, seg: order[x.o.g], fit: -((fitPublic ? 2 : 0) + (fitAdapt ? 1 : 0)), subject: -((fitTheme ? 2 : 0) + (fitNeed ? 1 : 0)),
        fitPublic: fitPublic, fitTheme: fitTheme, fitAdapt: fitAdapt,
        km: !place ? 0 : x.km !== null ? x.km : x.o.z ? REMOTE_KM : FAR, wait: waitMinutes(x.o, now) });
    });
    found.sort((a, b) => (a.seg - b.seg) || (a.fit - b.fit) || (a.km - b.km) || (a.subject - b.subject) || (a.wait - b.wait) ||
      (a.x.rank - b.x.rank));
    return found;
  }

  /** Why an offer is proposed, in a few words: « formation pour débutants · à 8 km · prochaine séance … ». */
  why(r, p, place, now) {
    const e = this.engine, o = r.x.o, parts = [lowerFirst(e.facets.segment[o.g][1]) + " " + LEVEL_WORDS[o.k || 0]];
    if (r.fitPublic) {
      const pub = o.p.find((i) => p.publics[i]);
      parts.push("public « " + e.facets.public[pub][1] + " »");
    }
    if (r.fitTheme) parts.push("sur « " + e.facets.theme[p.prefer][1] + " »");
    if (r.fitAdapt) {
      const ad = (o.e || []).find((i) => p.adapt[i] || i === this.interpreting);
      parts.push(ad !== undefined ? "adapté : " + lowerFirst(e.facets.adaptation[ad][1]) : "accueille les personnes qui apprennent le français");
    }
    if (place && r.x.km !== null) parts.push(distanceText(r.x.km) + (r.x.venues.length > 1 && r.x.venue ? " (" + r.x.venue.commune.nom + ")" : ""));
    else if (o.z) parts.push("à distance");
    parts.push(lowerFirst(e.schedule.next(o, now)).replace(/^(prochaine (séance|ouverture)) : /, "$1 "));
    return parts.join(" · ");
  }

  item(r, p, place, now) {
    const o = r.x.o;
    return { x: r.x, uid: o.u, nom: o.n, segment: this.engine.facets.segment[o.g][0], why: this.why(r, p, place, now) };
  }

  /** answers: {question: code or [codes]}; place: a commune {code, nom, lat, lon, epci, dep} or null. */
  advise(raw, place, now) {
    const e = this.engine;
    now = now || parisNow(e.index.date);
    e.place(place);
    const given = givenAnswers(this.rules, raw), rule = matchRule(this.rules, given.codes);
    const p = this.person(given, rule);
    const filters = this.filters(p, place, rule.segments);
    const ranked = this.rank(filters, p, place, rule.segments, now);
    const res = {
      rule: rule, given: given.list, codes: given.codes,
      summary: summaryText(given, place), advice: adviceText(this.rules, rule),
      raison: rule.raison, offers: ranked.map((r) => this.item(r, p, place, now)), notes: [], emptied: [], relaxed: null,
    };
    if (p.proximite && !place) res.notes.push("Indiquez sa commune pour tenir compte de la distance.");
    if (!Object.keys(p.publics).length && !given.codes.age && !given.codes.situation) {
      const reserved = this.count(filters.filter((f) => f.id !== "qui"));
      if (reserved > ranked.length) {
        res.notes.push((reserved - ranked.length) + " autre" + (reserved - ranked.length > 1 ? "s offres sont réservées" : " offre est réservée") +
          " à certains publics (âge, situation) : dites qui est la personne pour les voir.");
      }
    }
    if (!ranked.length) this.relax(res, filters, p, place, rule, now);
    res.next = this.next(res, p, place, rule, now);
    res.count = this.countText(res, place);
    return res;
  }

  /** Nothing fits: the answers whose removal alone gives offers, then the smallest change that gives some. */
  relax(res, filters, p, place, rule, now) {
    const without = (ids) => filters.filter((f) => ids.indexOf(f.id) < 0);
    filters.forEach((f) => {
      if (f.id === "segment" || f.id === "active") return;
      const n = this.count(without([f.id]));
      if (n) res.emptied.push({ id: f.id, count: n, label: this.answerLabel(res.given, f.id), kept: !!f.keep });
    });
    const attempts = [];
    const radii = this.engine.url.values.proximite, from = radii.indexOf(p.proximite);
    if (place && p.proximite && this.engine.url.radius(p.proximite) !== null) {
      for (let i = from + 1; i < radii.length; i++) if (this.engine.url.radius(radii[i]) !== null) {
        attempts.push({ ids: ["distance"], extra: [this.radiusFilter(radii[i])], text: "En allant jusqu'à " + this.engine.url.radius(radii[i]) + " km" });
      }
    }
    const has = (id) => filters.some((f) => f.id === id);
    if (has("disponibilite")) attempts.push({ ids: ["disponibilite"], text: "À d'autres moments de la semaine" });
    if (has("langue")) attempts.push({ ids: ["langue"], text: "En français, les offres qui accueillent les personnes qui apprennent le français d'abord" });
    if (has("distance")) attempts.push({ ids: ["distance"], text: "Sans limite de distance" });
    if (has("disponibilite") && has("langue")) attempts.push({ ids: ["disponibilite", "langue"], text: "À d'autres moments et en français" });
    if (has("distance") && (has("disponibilite") || has("langue"))) {
      attempts.push({ ids: ["distance", "disponibilite", "langue"], text: "Sans limite de distance, à d'autres moments, en français" });
    }
    for (let i = 0; i < attempts.length; i++) {
      const a = attempts[i], fs = without(a.ids).concat(a.extra || []);
      if (this.count(fs)) {
        const found = this.rank(fs, p, place, rule.segments, now);
        res.relaxed = { relaxed: a.ids, text: a.text + " : " + found.length + " offre" + (found.length > 1 ? "s" : "") + ".",
          offers: found.map((r) => this.item(r, p, place, now)) };
        return;
      }
    }
  }

  radiusFilter(value) {
    const radius = this.engine.url.radius(value);
    return { id: "distance", test: (x) => !!x.o.z || (x.km !== null && x.km <= radius) };
  }

  answerLabel(given, id) {
    const names = { qui: ["age", "situation"], besoin: ["besoin"] };
    const qs = names[id] || [id];
    const parts = given.filter((g) => qs.indexOf(g.q.id) >= 0).map((g) => g.q.texte + " → " + g.answers.map((a) => a.texte).join(", "));
    return parts.length ? parts.join(" ; ") : id === "qui" ? "Publics auxquels les offres sont réservées" : id;
  }

  /** After the first offer: the offers it names (« Et après ? ») that suit the person, else the best offer of
      the rule's next segments, else those segments' names. One level above the person's is allowed: the
      person will have learnt in the meantime. */
  next(res, p, place, rule, now) {
    const first = res.offers[0] || (res.relaxed && res.relaxed.offers[0]);
    const after = Object.assign({}, p, { level: p.level === null ? null : p.level + 1 });
    if (first && first.x.o.c) {
      const ids = {};
      first.x.o.c.forEach((i) => { ids[i] = true; });
      const nf = this.filters(after, place, Object.keys(this.rules.segments)).filter((f) => ["qui", "active", "aisance", "handicap"].indexOf(f.id) >= 0);
      const follow = first.x.o.c.map((i) => this.engine.offers.find((x) => x.i === i))
        .filter((x) => x && nf.every((f) => f.test(x)));
      if (follow.length) {
        return { text: "Et après « " + first.x.o.n + " » : " + follow.map((x) => x.o.n).join(" ; ") + ".",
          offers: follow.map((x) => ({ uid: x.o.u, nom: x.o.n })) };
      }
    }
    if (!rule.puis.length) return null;
    const nf = this.filters(after, place, rule.puis).filter((f) => f.id !== "disponibilite" && f.id !== "langue");
    const best = this.rank(nf, after, place, rule.puis, now)[0];
    const segs = rule.puis.map((s) => lowerFirst(this.rules.segments[s])).join(" ou ");
    if (best) return { text: "Et après : " + segs + ", par exemple « " + best.x.o.n + " ».", offers: [{ uid: best.x.o.u, nom: best.x.o.n }] };
    return { text: "Et après : " + segs + ".", offers: [] };
  }

  countText(res, place) {
    const n = res.offers.length;
    if (n) {
      return n + (n > 1 ? " offres correspondent" : " offre correspond") +
        (place ? ", dans l'ordre conseillé, les plus proches de " + place.nom + " d'abord dans chaque type." : ", dans l'ordre conseillé.");
    }
    const single = res.emptied.filter((x) => !x.kept);
    let t = "Aucune offre de ce type ne remplit toutes les conditions.";
    if (res.emptied.length) {
      t += " Ce qui vide la liste : " + res.emptied.map((x) => "« " + x.label + " » (sans elle : " + x.count + " offre" + (x.count > 1 ? "s" : "") + ")").join(" ; ") + ".";
    } else {
      t += " Plusieurs réponses ensemble vident la liste.";
    }
    if (!res.relaxed && !single.length) t += " Cherchez plus largement avec le lien ci-dessous.";
    return t;
  }
}

/** Minutes from `now` to the next séance or opening of an offer (Infinity when none is known). */
export function waitMinutes(o, now) {
  if (o.x) return Infinity;
  let best = Infinity;
  const minuteOfDay = now.minute % 1440;
  (o.d || []).forEach((d) => {
    const w = (d[0] - now.day) * 1440 + d[1] - minuteOfDay;
    if (w >= 0 && w < best) best = w;
  });
  (o.h || []).forEach((iv) => {
    let w = iv[0] - now.minute;
    if (iv[0] <= now.minute && now.minute < iv[1]) w = 0;
    else if (w < 0) w += 7 * 1440;
    if (w < best) best = w;
  });
  return best;
}
