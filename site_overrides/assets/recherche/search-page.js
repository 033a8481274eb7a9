/* The /recherche/ page: the form drives the URL state, the engine answers, the list shows the results
   (the map too, when asked). Everything is built with textContent: nothing of the data becomes HTML. */
import { Communes } from "./communes.js";
import { Engine, PAGE } from "./engine.js";
import { PointsMap } from "./map.js";
import { CommunePicker } from "./picker.js";
import { card, mapPoints } from "./render.js";

const root = document.getElementById("annuaire-recherche");
const $ = (id) => document.getElementById(id);
const FLAGS = ["pmr", "ouvert", "seances", "distance"];
const MOMENTS = { matin: "Le matin", "apres-midi": "L'après-midi", soir: "Le soir (après 18 h)" };
const RINGS = { commune: "Dans la commune", epci: "Dans l'intercommunalité", departement: "Dans le département" };

if (root) start();

function start() {
  const base = root.getAttribute("data-base").replace(/\/$/, "");
  const form = root.querySelector("form"), count = $("rcompte"), list = $("rresultats"), more = $("rplus"), relax = $("rrelax");
  let engine = null, state = null, place = null, commune = null, shown = PAGE, last = null, pendingCounts = null, map = null;
  let staleCounts = null, pendingUrl = null;
  window.annuaireMesures = [];

  Engine.load(root.getAttribute("data-index")).then((e) => {
    engine = e;
    state = engine.url.read(location.search);
    const communes = new Communes(root.getAttribute("data-communes"));
    fillSelects();
    // Filters folded on phones and as soon as a shared link carries a search: results first.
    const filterInUrl = engine.url.order.some((k) => state[k] && ["q", "commune", "proximite", "carte"].indexOf(k) < 0);
    $("raffiner").open = filterInUrl || (window.matchMedia("(min-width: 60em)").matches && !state.q && !state.commune);
    root.querySelector(".annuaire-sans-js").hidden = true;
    form.hidden = false;
    $("rcarte-bouton").hidden = false;
    $("rq").value = state.q || "";
    FLAGS.forEach((k) => { $("r" + k).checked = !!state[k]; });
    const picker = new CommunePicker(communes, $("rcommune"), $("rcommune-liste"), $("rcommune-aide"), (c) => {
      commune = c;
      place = Communes.asPlace(c);
      state.commune = c ? c.code : undefined;
      $("rposition-etat").hidden = true;
      update(true);
    });
    const known = state.commune ? engine.communeByCode(state.commune) : null;
    const ready = !state.commune ? Promise.resolve(null) : known && known.lat !== null ? Promise.resolve(known)
      : communes.load().then(() => communes.byCode.get(state.commune) || null);
    ready.then((c) => {
      if (c) { commune = c; place = Communes.asPlace(c); picker.show(c); } else delete state.commune;
      update(true);
      if (state.carte) toggleMap(true);
      // The words' index is built while the person reads, not at the first keystroke.
      const later = window.requestIdleCallback || ((f) => setTimeout(() => f({ timeRemaining: () => 10 }), 50));
      const step = (deadline) => { if (!engine.text.buildSome(Math.max(5, deadline.timeRemaining()))) later(step); };
      later(step);
    }).catch(() => update(true));
  }).catch(() => {
    count.textContent = "La recherche n'a pas pu se charger : utilisez les listes ci-dessus.";
  });

  const positionHelp = $("rposition-etat").textContent;

  function options() {
    const idx = engine.index, labels = {};
    labels.departement = engine.depCodes.map((c) => [c, idx.departements[c] + " (" + c + ")"]);
    labels.epci = engine.epciCodes.map((c) => [c, idx.epci[c]]);
    ["segment", "theme", "public", "frais", "langue", "adaptation"].forEach((f) => { labels[f] = engine.facets[f]; });
    labels.inscription = [["oui", "Avec inscription"], ["non", "Sans inscription"]];
    labels.jour = idx.jours.map((j) => [j, j.charAt(0).toUpperCase() + j.slice(1)]);
    labels.moment = idx.moments.map((m) => [m, MOMENTS[m] || m]);
    labels.proximite = engine.url.values.proximite.map((v) => [v, RINGS[v] || "À moins de " + engine.url.radius(v) + " km"]);
    return labels;
  }

  function fillSelects() {
    const labels = options();
    root.querySelectorAll("select[data-param]").forEach((sel) => {
      const param = sel.getAttribute("data-param");
      sel.textContent = "";
      const all = document.createElement("option");
      all.value = "";
      all.textContent = param === "proximite" ? "Partout" : "Tous";
      sel.appendChild(all);
      labels[param].forEach((v) => {
        const opt = document.createElement("option");
        opt.value = v[0];
        opt.setAttribute("data-label", v[1]);
        opt.textContent = v[1];
        sel.appendChild(opt);
      });
      const current = state[param];
      if (Array.isArray(current) && current.length > 1) {
        // A link from the assistant may ask for several values (atelier or formation): one option holds them.
        const multi = document.createElement("option");
        multi.value = current.join(",");
        multi.textContent = current.map((c) => { const o = labels[param].find((x) => x[0] === c); return o ? o[1] : c; }).join(" ou ");
        sel.appendChild(multi);
      }
      sel.value = Array.isArray(current) ? current.join(",") : (current || "");
      sel.addEventListener("change", () => {
        state[param] = engine.url.isMulti(param) ? sel.value.split(",").filter(Boolean) : sel.value;
        update(true);
      });
    });
  }

  function updateCounts(r) {
    // Counts inside the folded filters are written when they unfold: at 20,000 offers the
    // intercommunality list alone has a thousand options to rewrite at each keystroke.
    const folded = !$("raffiner").open;
    staleCounts = folded ? r : null;
    root.querySelectorAll("select[data-param]").forEach((sel) => {
      const param = sel.getAttribute("data-param"), c = r.counts[param];
      if (!c || (folded && param !== "proximite")) return;
      for (let i = 1; i < sel.options.length; i++) {
        const label = sel.options[i].getAttribute("data-label");
        if (!label) continue;
        const text = label + (param === "proximite" && !place ? "" : " (" + c[i - 1] + ")");
        if (sel.options[i].textContent !== text) sel.options[i].textContent = text;
      }
    });
    if (!folded) FLAGS.forEach((k) => {
      const span = root.querySelector("[data-compte='" + k + "']"), t = "(" + r.counts[k][0] + ")";
      if (span.textContent !== t) span.textContent = t;
    });
    $("rproximite").disabled = !place;
    let n = 0;
    root.querySelectorAll("#raffiner [data-param]").forEach((el) => { if (el.type === "checkbox" ? el.checked : el.value) n++; });
    $("ractifs").textContent = n ? "(" + n + " filtre" + (n > 1 ? "s" : "") + " choisi" + (n > 1 ? "s" : "") + ")" : "";
  }

  function summary(r, n) {
    const total = r.offers.length;
    if (!total) return "Aucune offre ne correspond.";
    let t = total + " offre" + (total > 1 ? "s trouvées" : " trouvée");
    if (place) t += ", les plus proches " + (commune ? (/^[AEIOUYÀÂÉÈÊÎÔÛ]/i.test(commune.nom) ? "d'" : "de ") + commune.nom : "de votre position") + " d'abord";
    return t + (total > n ? ". " + n + " affichées." : ".");
  }

  function showRelax(r) {
    relax.textContent = "";
    const notes = [];
    if (r.words && r.words.dropped.length) notes.push("Aucune offre ne contient « " + r.words.dropped.join(" », « ") + " » : ce mot est ignoré.");
    if (r.words && r.words.mode === "certains") notes.push("Aucune offre ne contient tous les mots : voici celles qui en contiennent le plus.");
    notes.forEach((t) => { const p = document.createElement("p"); p.textContent = t; relax.appendChild(p); });
    if (r.offers.length || !r.relax.length) return;
    const p = document.createElement("p");
    p.textContent = "Le filtre « " + r.relax[0].label + " » a vidé la liste. Pour élargir :";
    relax.appendChild(p);
    const ul = document.createElement("ul");
    r.relax.slice(0, 3).forEach((x) => {
      const li = document.createElement("li"), b = document.createElement("button");
      b.type = "button";
      b.className = "md-button";
      b.textContent = (x.value ? "Chercher " + x.label : "Retirer « " + x.label + " »") + " : " + x.count + " offre" + (x.count > 1 ? "s" : "");
      b.addEventListener("click", () => { relaxFilter(x); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    relax.appendChild(ul);
  }

  function relaxFilter(x) {
    if (x.param === "creneau") { delete state.jour; delete state.moment; $("rjour").value = ""; $("rmoment").value = ""; }
    else if (x.value) { state[x.param] = x.value; $("r" + x.param).value = x.value; }
    else {
      delete state[x.param];
      const el = $("r" + x.param);
      if (el) { if (el.type === "checkbox") el.checked = false; else el.value = ""; }
    }
    update(true);
    count.focus();
  }

  function render(r, defer) {
    list.textContent = "";
    const frag = document.createDocumentFragment(), n = Math.min(shown, r.offers.length);
    for (let i = 0; i < n; i++) frag.appendChild(card(engine, r.offers[i], r, base));
    list.appendChild(frag);
    more.hidden = r.offers.length <= shown;
    count.textContent = summary(r, n);
    showRelax(r);
    clearTimeout(pendingCounts);
    // While typing, the list goes first; the filter counts follow right after, without delaying the keystroke.
    if (defer) pendingCounts = setTimeout(() => { updateCounts(r); refreshMap(r); }, 0);
    else { updateCounts(r); refreshMap(r); }
  }

  function update(reset, event) {
    if (!engine) return;
    if (reset) shown = PAGE;
    const t0 = event ? event.timeStamp : performance.now();
    last = engine.search(state, place);
    render(last, !!event);
    // While typing, the address follows when the typing pauses.
    clearTimeout(pendingUrl);
    const write = () => history.replaceState(null, "", location.pathname + engine.url.write(state) + location.hash);
    if (event) pendingUrl = setTimeout(write, 300); else write();
    // For the benchmark: from the event (keystroke) to the list built.
    window.annuaireMesures.push(performance.now() - t0);
    if (window.annuairePremierRendu === undefined) window.annuairePremierRendu = performance.now();
    document.documentElement.setAttribute("data-recherche-rendus", String(window.annuaireMesures.length));
  }

  function refreshMap(r) {
    if (!map || $("rcarte").hidden) return;
    const points = mapPoints(r, base);
    $("rcarte-legende").textContent = points.length + " offre" + (points.length > 1 ? "s" : "") + " sur la carte" +
      (r.offers.length > points.length ? " (" + (r.offers.length - points.length) + " sans lieu, à distance)" : "") + ".";
    map.show(points);
  }

  function toggleMap(open) {
    const box = $("rcarte-bloc"), button = $("rcarte-bouton");
    box.hidden = !open;
    $("rcarte").hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.textContent = open ? "Masquer la carte" : "Voir sur la carte";
    state.carte = open ? "1" : undefined;
    history.replaceState(null, "", location.pathname + engine.url.write(state) + location.hash);
    if (open) { if (!map) map = new PointsMap($("rcarte")); refreshMap(last); }
  }

  form.addEventListener("submit", (ev) => ev.preventDefault());
  $("raffiner").addEventListener("toggle", () => { if ($("raffiner").open && staleCounts) updateCounts(staleCounts); });
  $("rq").addEventListener("input", (ev) => { state.q = ev.target.value; update(true, ev); });
  FLAGS.forEach((k) => $("r" + k).addEventListener("change", (ev) => { state[k] = ev.target.checked ? "1" : undefined; update(true); }));
  $("rcarte-bouton").addEventListener("click", () => { if (engine) toggleMap($("rcarte-bloc").hidden); });
  more.addEventListener("click", () => {
    shown += PAGE;
    render(last);
    const first = list.querySelectorAll("li")[shown - PAGE];
    if (first) first.querySelector("a").focus();
  });
  $("reffacer").addEventListener("click", () => {
    state = {};
    commune = null;
    place = null;
    form.reset();
    $("rcommune").value = "";
    root.querySelectorAll("select[data-param]").forEach((s) => { s.value = ""; });
    $("rposition-etat").textContent = positionHelp;
    $("rposition-etat").hidden = true;
    if (!$("rcarte-bloc").hidden) toggleMap(false);
    update(true);
    $("rq").focus();
  });
  $("rposition").addEventListener("click", () => {
    const info = $("rposition-etat");
    info.hidden = false;
    if (!navigator.geolocation) { info.textContent = "Votre navigateur ne donne pas de position."; return; }
    info.textContent = "Recherche de votre position…";
    navigator.geolocation.getCurrentPosition((p) => {
      place = { lat: p.coords.latitude, lon: p.coords.longitude };
      commune = null;
      delete state.commune;
      $("rcommune").value = "";
      info.textContent = "Offres classées par distance depuis votre position (à vol d'oiseau).";
      update(true);
    }, () => {
      info.textContent = "Position non disponible : choisissez plutôt une commune.";
    }, { maximumAge: 600000, timeout: 15000 });
  });
}
