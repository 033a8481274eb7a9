/* The assistant « J'oriente une personne »: rules from orienter/regles.json (generated from regles.yml),
   offers from the search engine (engine.js). This file holds no rule. */
import { Communes } from "./communes.js";
import { Engine } from "./engine.js";
import { CommunePicker } from "./picker.js";
import { card } from "./render.js";

const root = document.getElementById("annuaire-orienter");
const SHOWN = 10;
const $ = (id) => document.getElementById(id);

if (root) start();

function start() {
  const form = $("oform"), base = root.getAttribute("data-base").replace(/\/$/, "");
  let commune = null, engine = null, rules = null;

  Promise.all([
    Engine.load(root.getAttribute("data-index")),
    fetch(root.getAttribute("data-regles")).then((r) => r.json()),
  ]).then(([e, r]) => {
    engine = e;
    rules = r;
    const communes = new Communes(root.getAttribute("data-communes"));
    new CommunePicker(communes, $("ocommune"), $("ocommune-liste"), $("ocommune-aide"), (c) => {
      commune = c;
      if (!$("oresultat").hidden) advise(false);
    });
    root.querySelector(".annuaire-sans-js").hidden = true;
    form.querySelector("button[type=submit]").hidden = false;
  });

  function answers() {
    const out = {};
    new FormData(form).forEach((v, k) => { if (v) out[k] = String(v); });
    return out;
  }

  function rule(rep) {
    return rules.regles.find((r) => Object.keys(r.si).every((k) => rep[k] === r.si[k])) || null;
  }

  const names = (codes) => codes.map((c) => rules.segments[c]).join(" ou ");

  function advise(focus) {
    const rep = answers(), r = rule(rep);
    if (!r) return;
    const state = { segment: r.segments.slice() };
    rules.precisions.forEach((p) => {
      const chosen = p.reponses.find((x) => x.code === rep[p.id]);
      if (!chosen) return;
      Object.keys(chosen.filtre || {}).forEach((k) => {
        state[k] = engine.url.isMulti(k) ? [chosen.filtre[k]] : chosen.filtre[k];
      });
      Object.keys(chosen.classe || {}).forEach((k) => { state.prefere = chosen.classe[k]; });
    });
    if (commune) state.commune = commune.code;
    const res = engine.search(state, Communes.asPlace(commune));
    $("osegments").textContent = "Conseil : " + names(r.segments);
    $("oraison").textContent = r.raison;
    const then = $("opuis");
    then.hidden = !r.puis.length;
    then.textContent = r.puis.length ? "Ensuite : " + names(r.puis) + "." : "";
    const list = $("ooffres");
    list.textContent = "";
    const n = Math.min(SHOWN, res.offers.length);
    for (let i = 0; i < n; i++) list.appendChild(card(engine, res.offers[i], res, base));
    let t;
    if (!res.offers.length) {
      t = "Aucune offre de ce type ne remplit toutes les conditions" +
        (res.relax.length ? " : sans « " + res.relax[0].label + " », " + res.relax[0].count + " offre" + (res.relax[0].count > 1 ? "s" : "") + "." : ".") +
        " Assouplissez une contrainte, ou cherchez plus largement avec le lien ci-dessous.";
    } else {
      t = res.offers.length + (res.offers.length > 1 ? " offres correspondent" : " offre correspond");
      if (commune) t += ", les plus proches de " + commune.nom + " d'abord";
      t += res.offers.length > n ? ". Voici les " + n + " premières." : ".";
    }
    $("ocompte").textContent = t;
    const link = Object.assign({}, state);
    delete link.prefere;
    $("olien").href = root.getAttribute("data-recherche") + engine.url.write(link);
    $("oresultat").hidden = false;
    if (focus) $("oresultat-titre").focus();
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (engine) advise(true);
  });
  form.addEventListener("change", (ev) => {
    if (engine && ev.target.id !== "ocommune" && !$("oresultat").hidden) advise(false);
  });
}
