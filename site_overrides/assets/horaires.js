/* Opening hours in OpenStreetMap's `opening_hours` syntax, edited as days × time ranges, public holidays
   and closures, and read back in French. The editor knows a subset of the syntax (the one it writes:
   "Mo,Th 14:00-17:00; Aug off; 2026 Dec 24-2027 Jan 02 off; PH off"); anything else stays editable as
   text and is checked at publication (annuaire validate, opening-hours-py). DOM through textContent only. */
(function () {
  "use strict";
  var JOURS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
  var NOMS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
  var MOIS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var NOMS_MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre"];
  var HEURE = "(?:[01][0-9]|2[0-3]):[0-5][0-9]";
  var PLAGES_RE = new RegExp("^" + HEURE + "-" + HEURE + "(?:," + HEURE + "-" + HEURE + ")*$");
  var JOUR_RE = /^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$/;
  var DATE_RE = /^(\d{4}) ([A-Z][a-z]{2}) (\d{2})(?:-(\d{4}) ([A-Z][a-z]{2}) (\d{2}))? off$/;
  var MOIS_RE = /^([A-Z][a-z]{2})(?:-([A-Z][a-z]{2}))? off$/;

  function vide() { return { jours: [[], [], [], [], [], [], []], feries: "off", annuelle: null, fermetures: [] }; }
  function deux(n) { return (n < 10 ? "0" : "") + n; }

  function isoVersOsm(iso) {
    var p = iso.split("-");
    return p[0] + " " + MOIS[Number(p[1]) - 1] + " " + p[2];
  }
  function osmVersIso(annee, mois, jour) {
    var m = MOIS.indexOf(mois);
    if (m < 0) return null;
    var iso = annee + "-" + deux(m + 1) + "-" + jour;
    var d = new Date(iso + "T12:00:00Z");
    return isNaN(d) || d.toISOString().slice(0, 10) !== iso ? null : iso;
  }

  /* Days with the same ranges share one rule; three consecutive days or more become a span (Tu-Fr). */
  function selecteur(indices) {
    var morceaux = [], i = 0;
    while (i < indices.length) {
      var j = i;
      while (j + 1 < indices.length && indices[j + 1] === indices[j] + 1) j++;
      if (j - i >= 2) morceaux.push(JOURS[indices[i]] + "-" + JOURS[indices[j]]);
      else for (var k = i; k <= j; k++) morceaux.push(JOURS[indices[k]]);
      i = j + 1;
    }
    return morceaux.join(",");
  }
  function groupes(model) {
    var ordre = [], par = {};
    model.jours.forEach(function (plages, i) {
      if (!plages.length) return;
      var cle = plages.map(function (p) { return p[0] + "-" + p[1]; }).join(",");
      if (!par[cle]) { par[cle] = []; ordre.push(cle); }
      par[cle].push(i);
    });
    return ordre.map(function (cle) { return { plages: cle, jours: par[cle] }; });
  }

  function format(model) {
    var regles = groupes(model).map(function (g) { return selecteur(g.jours) + " " + g.plages; });
    if (!regles.length) return "";
    if (model.annuelle) {
      var a = model.annuelle;
      regles.push(MOIS[a.de - 1] + (a.a !== a.de ? "-" + MOIS[a.a - 1] : "") + " off");
    }
    model.fermetures.forEach(function (f) {
      regles.push(isoVersOsm(f.du) + (f.au && f.au !== f.du ? "-" + isoVersOsm(f.au) : "") + " off");
    });
    if (model.feries === "off") regles.push("PH off");
    return regles.join("; ");
  }

  /* The editor's own subset, in its own order (weekly rules, then closures): later OSM rules override
     earlier ones, so any other order could mean something the grid cannot show. null: not in the subset. */
  function parse(texte) {
    var model = vide();
    model.feries = "normal";
    var vus = {}, etape = 0;
    var regles = String(texte || "").split(";").map(function (r) { return r.trim(); }).filter(Boolean);
    if (!regles.length) return null;
    for (var n = 0; n < regles.length; n++) {
      var r = regles[n], m;
      if (r === "PH off") { model.feries = "off"; etape = 3; continue; }
      if ((m = DATE_RE.exec(r))) {
        if (etape > 2) return null;
        var du = osmVersIso(m[1], m[2], m[3]), au = m[4] ? osmVersIso(m[4], m[5], m[6]) : du;
        if (!du || !au || au < du) return null;
        model.fermetures.push({ du: du, au: au });
        etape = 2;
        continue;
      }
      if ((m = MOIS_RE.exec(r))) {
        var de = MOIS.indexOf(m[1]) + 1, a = m[2] ? MOIS.indexOf(m[2]) + 1 : de;
        if (etape > 1 || model.annuelle || de < 1 || a < 1) return null;
        model.annuelle = { de: de, a: a };
        etape = 1;
        continue;
      }
      var espace = r.indexOf(" ");
      if (etape > 0 || espace < 0) return null;
      var jours = r.slice(0, espace), plages = r.slice(espace + 1).trim();
      if (!PLAGES_RE.test(plages)) return null;
      var liste = plages.split(",").map(function (p) { return p.split("-"); });
      if (liste.some(function (p) { return p[1] <= p[0]; })) return null;
      var parts = jours.split(",");
      for (var k = 0; k < parts.length; k++) {
        var j = JOUR_RE.exec(parts[k]);
        if (!j) return null;
        var debut = JOURS.indexOf(j[1]), fin = j[2] ? JOURS.indexOf(j[2]) : debut;
        if (fin < debut) return null;
        for (var d = debut; d <= fin; d++) {
          if (vus[d]) return null;
          vus[d] = true;
          model.jours[d] = liste.map(function (p) { return [p[0], p[1]]; });
        }
      }
    }
    return groupes(model).length ? model : null;
  }

  function heureFr(hhmm) {
    var p = hhmm.split(":"), h = String(Number(p[0]));
    return p[1] === "00" ? h + " h" : h + " h " + p[1];
  }
  function joursFr(indices) {
    var i = indices;
    var suite = i.length >= 3 && i[i.length - 1] - i[0] === i.length - 1;
    if (suite) return "du " + NOMS[i[0]] + " au " + NOMS[i[i.length - 1]];
    var noms = i.map(function (k) { return NOMS[k]; });
    return noms.length === 1 ? "le " + noms[0] : noms.slice(0, -1).join(", ") + " et " + noms[noms.length - 1];
  }
  function dateFr(iso) {
    var p = iso.split("-"), jour = Number(p[2]);
    return (jour === 1 ? "1er" : String(jour)) + " " + NOMS_MOIS[Number(p[1]) - 1] + " " + p[0];
  }

  /* One sentence per line, in plain French: what the published page will say. */
  function enFrancais(model) {
    var lignes = groupes(model).map(function (g) {
      var texte = joursFr(g.jours) + " : " + g.plages.split(",").map(function (p) {
        var h = p.split("-");
        return "de " + heureFr(h[0]) + " à " + heureFr(h[1]);
      }).join(" et ");
      return texte.charAt(0).toUpperCase() + texte.slice(1) + ".";
    });
    if (!lignes.length) return ["Aucun horaire."];
    if (model.annuelle) {
      var a = model.annuelle;
      lignes.push(a.de === a.a ? "Fermé chaque année en " + NOMS_MOIS[a.de - 1] + "."
        : "Fermé chaque année de " + NOMS_MOIS[a.de - 1] + " à " + NOMS_MOIS[a.a - 1] + ".");
    }
    model.fermetures.forEach(function (f) {
      lignes.push(f.au && f.au !== f.du ? "Fermé du " + dateFr(f.du) + " au " + dateFr(f.au) + "." : "Fermé le " + dateFr(f.du) + ".");
    });
    lignes.push(model.feries === "off" ? "Fermé les jours fériés." : "Ouvert les jours fériés aux mêmes horaires.");
    return lignes;
  }

  window.AnnuaireHoraires = { JOURS: JOURS, NOMS: NOMS, NOMS_MOIS: NOMS_MOIS, vide: vide, format: format, parse: parse,
    enFrancais: enFrancais };
}());
