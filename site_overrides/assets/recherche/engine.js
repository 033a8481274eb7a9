/* The search engine, without the DOM: offers of the index (recherche/index.json) → the offers that match
   a state (the URL's), in order, with the count each filter value would give, the filter that emptied the
   list and what to relax. Used by /recherche/ and the assistant /orienter/. */
import { haversine } from "./geo.js";
import { KINDS, TextIndex } from "./matcher.js";
import { Schedule, openAt, parisNow, seanceWithin } from "./schedule.js";
import { UrlState } from "./url-state.js";

export const PAGE = 20;
const LISTS = { segment: (o) => [o.g], theme: (o) => o.t, public: (o) => o.p, frais: (o) => (o.f === undefined ? [] : [o.f]), langue: (o) => o.l,
  adaptation: (o) => o.e || [] };
const REMOTE_KM = 20;   // an offer at a distance ranks like one 20 km away, without showing a distance
const FILTER_NAMES = { segment: "type d'offre", theme: "thème", public: "public", frais: "prix", langue: "langue",
  adaptation: "adaptation", departement: "département", epci: "intercommunalité", inscription: "inscription",
  creneau: "jour ou moment", pmr: "accessible en fauteuil", distance: "possible à distance", ouvert: "ouvert maintenant",
  seances: "séance dans les 30 jours", proximite: "jusqu'où chercher" };

function slotBits(day, moment) {
  let m = 0;
  for (let d = 0; d < 7; d++) for (let k = 0; k < 3; k++) if ((day < 0 || day === d) && (moment < 0 || moment === k)) m |= 1 << (d * 3 + k);
  return m;
}
function anyOf(values, wanted) {
  if (!values) return false;
  for (let i = 0; i < values.length; i++) if (wanted[values[i]]) return true;
  return false;
}

export class Engine {
  constructor(index) {
    this.index = index;
    this.url = new UrlState(index.url);
    this.text = new TextIndex(index);
    this.schedule = new Schedule(index);
    this.facets = index.facettes;
    const scale = index.echelle;
    this.communes = index.communes.map((c) => ({ code: c[0], nom: c[1], dep: c[2], epci: c[3],
      lat: c[4] === null ? null : c[4] / scale, lon: c[5] === null ? null : c[5] / scale, cp: c[6] }));
    this.venues = index.lieux.map((v) => ({ lat: v[0] === null ? null : v[0] / scale, lon: v[1] === null ? null : v[1] / scale,
      commune: this.communes[v[2]], nom: v[3] }));
    this.depCodes = Object.keys(index.departements).sort();
    this.epciCodes = Object.keys(index.epci).sort((a, b) => index.epci[a].localeCompare(index.epci[b], "fr"));
    const depPos = {}, epciPos = {};
    this.depCodes.forEach((c, i) => { depPos[c] = i; });
    this.epciCodes.forEach((c, i) => { epciPos[c] = i; });
    this.tous = this.position("public", "tous-publics");
    this.offers = index.offres.map((o, i) => {
      const venues = (o.v || []).map((v) => this.venues[v]);
      const dp = [], ep = [];
      venues.forEach((v) => {
        if (dp.indexOf(depPos[v.commune.dep]) < 0) dp.push(depPos[v.commune.dep]);
        if (v.commune.epci && ep.indexOf(epciPos[v.commune.epci]) < 0) ep.push(epciPos[v.commune.epci]);
      });
      return { i: i, o: o, venues: venues, dp: dp, ep: ep, km: null, venue: venues[0] || null, ring: 3, rank: i };
    });
    this.placeKey = null;
    this.orderKey = null;
  }

  static async load(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error("index introuvable");
    return new Engine(await r.json());
  }

  position(facet, code) {
    const list = this.facets[facet];
    for (let i = 0; i < list.length; i++) if (list[i][0] === code) return i;
    return -1;
  }

  communeByCode(code) { return this.communes.find((c) => c.code === code) || null; }

  /** Distance and ring (0 same commune, 1 same EPCI, 2 same département, 3 further) of each offer from a place. */
  place(place) {
    const key = place ? place.lat + "," + place.lon + "," + (place.code || "") : "";
    if (key === this.placeKey) return;
    this.placeKey = key;
    this.orderKey = null;
    this.offers.forEach((e) => {
      e.km = null; e.venue = e.venues[0] || null; e.ring = 3;
      if (!place) return;
      e.venues.forEach((v) => {
        const c = v.commune;
        const ring = c.code === place.code ? 0 : place.epci && c.epci === place.epci ? 1 : c.dep === place.dep ? 2 : 3;
        if (ring < e.ring) e.ring = ring;
        if (v.lat === null || place.lat === null || place.lat === undefined) return;
        const km = haversine(place.lat, place.lon, v.lat, v.lon);
        if (e.km === null || km < e.km) { e.km = km; e.venue = v; }
      });
    });
  }

  /** The order without words: preferred theme, then targeted public, open offers, own commune, distance, name. */
  baseOrder(state, place) {
    const pref = state.prefere ? this.position("theme", state.prefere) : -1;
    const publics = (state.public || []).map((c) => this.position("public", c)).filter((x) => x >= 0);
    const key = this.placeKey + "|" + pref + "|" + publics.join(",");
    if (key === this.orderKey) return this.order;
    this.orderKey = key;
    this.offers.forEach((e) => {
      e.tier = (pref >= 0 && e.o.t.indexOf(pref) < 0 ? 4 : 0) + (publics.length && !anyOf(e.o.p, toSet(publics)) ? 2 : 0) + (e.o.x ? 1 : 0);
      e.sortKm = !place ? 0 : e.km !== null ? e.km : e.o.z ? REMOTE_KM : 1e6;
      e.own = place && place.code && e.ring === 0 ? 0 : 1;
    });
    this.order = this.offers.slice().sort((a, b) => (a.tier - b.tier) || (a.own - b.own) || (a.sortKm - b.sortKm) || (a.rank - b.rank));
    return this.order;
  }

  /** A state (the URL's) and a place ({lat, lon, code, epci, dep} or null) → offers in order, counts, hints. */
  search(state, place) {
    const idx = this.index, now = parisNow(idx.date);
    this.place(place);
    const order = this.baseOrder(state, place);
    const q = (state.q || "").trim() ? this.text.analyse(state.q) : null;
    const words = q && q.groups.length ? this.text.match(q, idx.offres.length) : null;
    const facets = this.facets, depN = this.depCodes.length, epciN = this.epciCodes.length;
    const counts = {
      segment: new Int32Array(facets.segment.length), theme: new Int32Array(facets.theme.length),
      public: new Int32Array(facets.public.length), frais: new Int32Array(facets.frais.length),
      langue: new Int32Array(facets.langue.length), adaptation: new Int32Array(facets.adaptation.length),
      departement: new Int32Array(depN), epci: new Int32Array(epciN), inscription: new Int32Array(2),
      jour: new Int32Array(7), moment: new Int32Array(3), pmr: new Int32Array(1), distance: new Int32Array(1),
      ouvert: new Int32Array(1), seances: new Int32Array(1), proximite: new Int32Array(this.url.values.proximite.length),
    };
    const wantedSet = (param, facet) => {
      const wanted = {};
      let n = 0;
      (state[param] || []).forEach((code) => {
        const i = facet ? this.position(facet, code) : (param === "departement" ? this.depCodes : this.epciCodes).indexOf(code);
        if (i >= 0) { wanted[i] = true; n++; }
      });
      return n ? wanted : null;
    };
    const tous = this.tous, active = [];
    const add = (name, test) => { if (test) active.push({ name: name, test: test }); };
    Object.keys(LISTS).forEach((param) => {
      const values = LISTS[param], wanted = wantedSet(param, param);
      // « Tout public » offers stay with a targeted public (after the targeted ones, see baseOrder).
      if (param === "public") add(param, wanted && ((e) => anyOf(e.o.p, wanted) || e.o.p.indexOf(tous) >= 0));
      else add(param, wanted && ((e) => anyOf(values(e.o), wanted)));
    });
    const wDep = wantedSet("departement", null), wEpci = wantedSet("epci", null);
    add("departement", wDep && ((e) => anyOf(e.dp, wDep)));
    add("epci", wEpci && ((e) => anyOf(e.ep, wEpci)));
    add("inscription", state.inscription && ((e) => (e.o.i ? "oui" : "non") === state.inscription));
    const day = idx.jours.indexOf(state.jour), moment = idx.moments.indexOf(state.moment);
    const dayBits = [0, 1, 2, 3, 4, 5, 6].map((d) => slotBits(d, moment)), momentBits = [0, 1, 2].map((k) => slotBits(day, k));
    const slot = slotBits(day, moment);
    // Day and moment are one filter (samedi + soir = samedi soir); each is counted with the other applied.
    add("creneau", (day >= 0 || moment >= 0) && ((e) => (e.o.m & slot) !== 0));
    const flags = { pmr: (e) => !!e.o.a, distance: (e) => !!e.o.z, ouvert: (e) => !e.o.x && openAt(e.o.h, now.minute),
      seances: (e) => !e.o.x && seanceWithin(e.o.d, now.day, 30) };
    Object.keys(flags).forEach((param) => add(param, state[param] && flags[param]));
    const values = this.url.values.proximite, limits = values.map((v) => this.url.radius(v));
    const ringOf = values.map((v) => this.url.rings.indexOf(v));
    const within = (e, r) => !place || !!e.o.z || (limits[r] !== null ? e.km !== null && e.km <= limits[r] : !place.code || e.ring <= ringOf[r]);
    const limit = place ? values.indexOf(state.proximite) : -1;
    add("proximite", limit >= 0 && ((e) => within(e, limit)));
    const cs = counts, nProx = values.length;
    // Every count in one function, for all filters (only < 0) or for the one filter an offer misses:
    // each option then says how many offers it would give, the other filters staying applied.
    const count = (e, only) => {
      const o = e.o;
      let v, i;
      if (only < 0 || only === "segment") cs.segment[o.g]++;
      if (only < 0 || only === "theme") { v = o.t; for (i = 0; i < v.length; i++) cs.theme[v[i]]++; }
      if (only < 0 || only === "public") {
        v = o.p;
        if (v.indexOf(tous) >= 0) for (i = 0; i < cs.public.length; i++) cs.public[i]++;
        else for (i = 0; i < v.length; i++) cs.public[v[i]]++;
      }
      if ((only < 0 || only === "frais") && o.f !== undefined) cs.frais[o.f]++;
      if (only < 0 || only === "langue") { v = o.l; for (i = 0; i < v.length; i++) cs.langue[v[i]]++; }
      if ((only < 0 || only === "adaptation") && o.e) { v = o.e; for (i = 0; i < v.length; i++) cs.adaptation[v[i]]++; }
      if (only < 0 || only === "departement") { v = e.dp; for (i = 0; i < v.length; i++) cs.departement[v[i]]++; }
      if (only < 0 || only === "epci") { v = e.ep; for (i = 0; i < v.length; i++) cs.epci[v[i]]++; }
      if (only < 0 || only === "inscription") cs.inscription[o.i ? 0 : 1]++;
      if (only < 0 || only === "creneau") {
        for (i = 0; i < 7; i++) if (o.m & dayBits[i]) cs.jour[i]++;
        for (i = 0; i < 3; i++) if (o.m & momentBits[i]) cs.moment[i]++;
      }
      if ((only < 0 || only === "pmr") && o.a) cs.pmr[0]++;
      if ((only < 0 || only === "distance") && o.z) cs.distance[0]++;
      if ((only < 0 || only === "ouvert") && o.h && flags.ouvert(e)) cs.ouvert[0]++;
      if ((only < 0 || only === "seances") && o.d && flags.seances(e)) cs.seances[0]++;
      if (only < 0 || only === "proximite") for (i = 0; i < nProx; i++) if (within(e, i)) cs.proximite[i]++;
    };
    const results = [], failedOnly = {}, nActive = active.length;
    active.forEach((f) => { failedOnly[f.name] = 0; });
    const ok = words ? words.ok : null;
    for (let k = 0; k < order.length; k++) {
      const e = order[k];
      if (ok && !ok[e.i]) continue;
      let missed = null, misses = 0;
      for (let f = 0; f < nActive; f++) if (!active[f].test(e)) { misses++; missed = active[f]; if (misses > 1) break; }
      if (misses === 0) {
        results.push(e);
        count(e, -1);
      } else if (misses === 1) {
        count(e, missed.name);
        failedOnly[missed.name]++;
      }
    }
    const cProx = counts.proximite;
    if (words) {
      const score = words.score, prox = (e) => (place ? (e.km !== null ? 1 / (1 + e.km / 30) : e.o.z ? 0.6 : 0.3) : 1);
      results.forEach((e) => { e.relevance = score[e.i] * prox(e); });
      results.sort((a, b) => (a.tier - b.tier) || (b.relevance - a.relevance) || (a.sortKm - b.sortKm) || (a.rank - b.rank));
    }
    return { offers: results, counts: counts, now: now, words: words, query: q, state: state, place: place,
      relax: results.length ? [] : this.relaxations(active, failedOnly, state, cProx, values, limit) };
  }

  /** When filters leave nothing: each active filter with the number of offers its removal would give,
      most first; a radius that is too short offers the next one that finds something. */
  relaxations(active, failedOnly, state, cProx, values, limit) {
    const out = active.map((f) => ({ param: f.name, label: FILTER_NAMES[f.name], count: failedOnly[f.name] }))
      .filter((r) => r.count > 0);
    if (limit >= 0) {
      for (let r = limit + 1; r < values.length; r++) if (this.url.radius(values[r]) !== null && cProx[r] > 0) {
        out.push({ param: "proximite", value: values[r], label: "jusqu'à " + this.url.radius(values[r]) + " km", count: cProx[r] });
        break;
      }
    }
    return out.sort((a, b) => b.count - a.count);
  }

  /** What a card says beyond the offer itself: why it matches, the slot of a day/moment filter, the phone. */
  details(e, result) {
    const o = e.o, state = result.state, idx = this.index;
    const why = result.words ? this.text.explain(e.i, result.query) : [];
    const publics = (state.public || []).map((c) => this.position("public", c)).filter((x) => x >= 0);
    if (publics.length) {
      const p = publics.find((x) => o.p.indexOf(x) >= 0);
      why.push(p !== undefined ? "public « " + this.facets.public[p][1] + " »" : "ouvert à tous les publics");
    }
    const slot = this.schedule.slot(o, idx.jours.indexOf(state.jour), idx.moments.indexOf(state.moment), result.now);
    return { why: why, slot: slot, phone: o.y || idx.structures[o.s][1] || "", structure: idx.structures[o.s][0],
      next: this.schedule.next(o, result.now) };
  }

  label(kind, code) {
    const list = kind === "organisme" ? this.index.organismes : this.facets[kind];
    const item = list.find((x) => x[0] === code);
    return item ? item[1] : code;
  }
}

function toSet(list) {
  const s = {};
  list.forEach((x) => { s[x] = true; });
  return s;
}

export { KINDS };
