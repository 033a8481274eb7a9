/* An offer as a list item a person can act on: name, type, where, how far, why it matches, when, phone.
   Built node by node with textContent: no text of the data is ever read as HTML. */
import { distanceText } from "./geo.js";

/** « +33199001030 » → « 01 99 00 10 30 » (French numbers); other numbers as written. */
export function phoneText(tel) {
  const m = /^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(tel || "");
  return m ? "0" + m[1] + " " + m[2] + " " + m[3] + " " + m[4] + " " + m[5] : tel;
}

function line(className, text) {
  const span = document.createElement("span");
  span.className = "annuaire-ligne " + className;
  span.textContent = text;
  return span;
}

/** The card of one result. `base` is the site root without trailing slash. */
export function card(engine, e, result, base) {
  const o = e.o, d = engine.details(e, result);
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.href = base + "/offres/" + o.u + "/";
  const strong = document.createElement("strong");
  strong.textContent = o.n;
  a.appendChild(strong);
  li.appendChild(a);
  const tag = document.createElement("span");
  tag.className = "annuaire-etiquette";
  tag.textContent = engine.facets.segment[o.g][1];
  li.appendChild(document.createTextNode(" "));
  li.appendChild(tag);
  const places = [];
  e.venues.forEach((v) => { if (places.indexOf(v.commune.nom) < 0) places.push(v.commune.nom); });
  const where = [d.structure, places.join(", ")];
  if (result.place && e.km !== null) where.push(distanceText(e.km) + (e.venue && e.venues.length > 1 ? " (" + e.venue.commune.nom + ")" : ""));
  if (o.z) where.push(places.length ? "possible à distance" : "À distance");
  li.appendChild(line("annuaire-discret", where.filter(Boolean).join(" · ")));
  const why = d.why.slice();
  if (d.slot) why.unshift(d.slot);
  if (why.length) li.appendChild(line("annuaire-pourquoi", "Correspond : " + why.join(" ; ")));
  li.appendChild(line("annuaire-quand", d.next));
  if (d.phone) {
    const p = line("annuaire-tel", "Tél. ");
    const tel = document.createElement("a");
    tel.href = "tel:" + d.phone;
    tel.textContent = phoneText(d.phone);
    p.appendChild(tel);
    li.appendChild(p);
  }
  li.appendChild(line("annuaire-resume-court", o.r));
  return li;
}

/** The points of results for the map: one per offer that has a place, at its venue nearest to the person. */
export function mapPoints(result, base) {
  const out = [];
  result.offers.forEach((e) => {
    const v = e.venue;
    if (!v || v.lat === null) return;
    out.push({ lat: v.lat, lon: v.lon, titre: e.o.n, url: base + "/offres/" + e.o.u + "/", texte: v.nom + ", " + v.commune.nom });
  });
  return out;
}
