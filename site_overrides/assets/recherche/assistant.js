/* The page « J'oriente une personne »: the form's answers go to the advisor (orientation.js), whose advice
   is shown here. Rules come from orienter/regles.json (generated from regles.yml), offers from the search
   index: this file holds no rule. Everything is built with textContent. */
import { Communes } from "./communes.js";
import { Engine } from "./engine.js";
import { Advisor } from "./orientation.js";
import { CommunePicker } from "./picker.js";
import { phoneText } from "./render.js";

const root = document.getElementById("annuaire-orienter");
const SHOWN = 10;
const $ = (id) => document.getElementById(id);

if (root) start();

function el(tag, className, text) {
  const n = document.createElement(tag);
  if (className) n.className = className;
  if (text !== undefined) n.textContent = text;
  return n;
}

/** The printable sheet of an offer, carrying the answers (codes only) and the next step in the fragment:
    what is said about the person never reaches a server, not even in its logs. */
export function sheetLink(base, uid, codes, next) {
  const params = new URLSearchParams();
  Object.keys(codes).forEach((k) => params.set(k, codes[k].join(",")));
  if (next) params.set("ensuite", next);
  return base + "/offres/" + uid + "/fiche/#" + params.toString();
}

function start() {
  const form = $("oform"), base = root.getAttribute("data-base").replace(/\/$/, "");
  let commune = null, engine = null, advisor = null;

  Promise.all([
    Engine.load(root.getAttribute("data-index")),
    fetch(root.getAttribute("data-regles")).then((r) => r.json()),
  ]).then(([e, rules]) => {
    engine = e;
    advisor = new Advisor(engine, rules);
    const communes = new Communes(root.getAttribute("data-communes"));
    new CommunePicker(communes, $("ocommune"), $("ocommune-liste"), $("ocommune-aide"), (c) => {
      commune = c;
      if (!$("oresultat").hidden) advise(false);
    });
    root.querySelector(".annuaire-sans-js").hidden = true;
    form.hidden = false;
    followUps();
    root.setAttribute("data-assistant-pret", "");
  }).catch(() => {
    root.querySelector(".annuaire-sans-js").textContent = "L'assistant n'a pas pu se charger : ses règles sont écrites plus bas, les offres sont dans la recherche.";
  });

  function answers() {
    const out = {};
    new FormData(form).forEach((v, k) => {
      if (!v) return;
      (out[k] = out[k] || []).push(String(v));
    });
    return out;
  }

  /** Questions asked only after another answer (« si ») appear with it. */
  function followUps() {
    const rep = answers();
    root.querySelectorAll("[data-si]").forEach((box) => {
      const si = JSON.parse(box.getAttribute("data-si"));
      box.hidden = !Object.keys(si).every((k) => (rep[k] || []).some((c) => si[k].indexOf(c) >= 0));
    });
  }

  function offerItem(item, res) {
    const o = item.x.o, li = el("li");
    const a = el("a");
    a.href = base + "/offres/" + o.u + "/";
    a.appendChild(el("strong", "", o.n));
    li.appendChild(a);
    li.appendChild(el("span", "annuaire-ligne annuaire-pourquoi", item.why));
    const places = [];
    item.x.venues.forEach((v) => { if (places.indexOf(v.commune.nom) < 0) places.push(v.commune.nom); });
    li.appendChild(el("span", "annuaire-ligne annuaire-discret", [engine.index.structures[o.s][0], places.join(", ")].filter(Boolean).join(" · ")));
    const phone = o.y || engine.index.structures[o.s][1];
    if (phone) {
      const p = el("span", "annuaire-ligne annuaire-tel", "Tél. ");
      const tel = el("a", "", phoneText(phone));
      tel.href = "tel:" + phone;
      p.appendChild(tel);
      li.appendChild(p);
    }
    const next = res.next && res.next.offers.length && res.offers[0] === item ? res.next.offers[0].uid : null;
    const sheet = el("a", "annuaire-ligne annuaire-vers-fiche", "Fiche à imprimer pour la personne");
    sheet.href = sheetLink(base, o.u, res.codes, next);
    sheet.setAttribute("aria-label", "Fiche à imprimer : " + o.n);
    li.appendChild(sheet);
    return li;
  }

  function fill(list, items, res) {
    list.textContent = "";
    items.slice(0, SHOWN).forEach((item) => list.appendChild(offerItem(item, res)));
  }

  function advise(focus) {
    const res = advisor.advise(answers(), Communes.asPlace(commune));
    $("osynthese").textContent = res.summary;
    $("osynthese").hidden = !res.summary;
    $("osegments").textContent = res.advice;
    $("oraison").textContent = res.raison;
    const notes = $("onotes");
    notes.textContent = "";
    res.notes.forEach((n) => notes.appendChild(el("li", "", n)));
    notes.hidden = !res.notes.length;
    $("ocompte").textContent = res.count + (res.offers.length > SHOWN ? " Voici les " + SHOWN + " premières." : "");
    fill($("ooffres"), res.offers, res);
    $("orelax").hidden = !res.relaxed;
    if (res.relaxed) {
      $("orelax-texte").textContent = res.relaxed.text;
      fill($("orelax-offres"), res.relaxed.offers, res);
    }
    $("oensuite").hidden = !res.next;
    $("oensuite").textContent = res.next ? res.next.text : "";
    const state = { segment: res.rule.segments.slice() };
    if (commune) state.commune = commune.code;
    $("olien").href = root.getAttribute("data-recherche") + engine.url.write(state);
    $("oresultat").hidden = false;
    root.setAttribute("data-conseil", res.rule.id);
    if (focus) $("oresultat-titre").focus();
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (advisor) advise(true);
  });
  form.addEventListener("reset", () => {
    commune = null;
    setTimeout(() => { followUps(); if (advisor && !$("oresultat").hidden) advise(false); }, 0);
  });
  form.addEventListener("change", (ev) => {
    followUps();
    if (advisor && ev.target.id !== "ocommune" && !$("oresultat").hidden) advise(false);
  });
}
