/* The printable sheet opened from the assistant: the answers (codes only) travel in the address's fragment,
   which never reaches the server (#besoin=demarche&aisance=non&ensuite=…). The sheet says why this offer was
   advised and what comes next, from the same rules as the assistant (orienter/regles.json). Without
   JavaScript, or opened directly, the sheet is complete without this block. */
import { adviceText, givenAnswers, matchRule, summaryText } from "./orientation.js";

const root = document.getElementById("annuaire-fiche");
const UID = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;

if (root && location.hash.length > 1) start(new URLSearchParams(location.hash.slice(1)));

function start(params) {
  fetch(root.getAttribute("data-regles")).then((r) => r.json()).then((rules) => {
    const raw = {};
    params.forEach((v, k) => { if (k !== "ensuite") raw[k] = v.split(","); });
    const given = givenAnswers(rules, raw);
    if (!given.list.length) return;
    const rule = matchRule(rules, given.codes);
    document.getElementById("fiche-synthese").textContent = summaryText(given, null);
    document.getElementById("fiche-segments").textContent = adviceText(rules, rule);
    document.getElementById("fiche-raison").textContent = rule.raison;
    document.getElementById("fiche-conseil").hidden = false;
    next(rules, rule, params.get("ensuite"));
  }).catch(() => {});
}

/** The next step: one of the offer's own « Et après ? » marked, else the rule's next types of offer. */
function next(rules, rule, uid) {
  const box = document.getElementById("fiche-apres"), line = document.getElementById("fiche-ensuite");
  const mine = uid && UID.test(uid) ? box.querySelector("li[data-uid='" + uid + "']") : null;
  if (mine) {
    mine.classList.add("annuaire-conseille");
    mine.insertBefore(document.createTextNode("Conseillé ensuite : "), mine.firstChild);
    return;
  }
  if (!rule.puis.length) return;
  let text = "Ensuite : " + rule.puis.map((s) => rules.segments[s].toLowerCase()).join(" ou ") + ".";
  if (uid && UID.test(uid)) {
    const base = root.getAttribute("data-base").replace(/\/$/, "");
    text += " Par exemple : " + new URL(base + "/offres/" + uid + "/", location.href).href;
  }
  line.textContent = text;
  line.hidden = false;
  box.hidden = false;
}
