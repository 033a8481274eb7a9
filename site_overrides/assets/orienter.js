/* Assistant « J'oriente une personne » : les règles viennent de orienter/regles.json (généré depuis regles.yml),
   les offres du moteur de recherche (recherche.js). Ce fichier ne contient aucune règle. */
(function () {
  "use strict";
  var racine = document.getElementById("annuaire-orienter");
  if (!racine || !window.AnnuaireRecherche) return;
  var R = window.AnnuaireRecherche;
  var form = document.getElementById("oform");
  var base = racine.getAttribute("data-base").replace(/\/$/, "");
  var MONTREES = 10;
  var commune = null, moteur = null, regles = null;

  Promise.all([
    R.charger(racine.getAttribute("data-index")),
    fetch(racine.getAttribute("data-regles")).then(function (r) { return r.json(); })
  ]).then(function (x) {
    moteur = x[0];
    regles = x[1];
    var communes = new R.Communes(moteur, racine.getAttribute("data-communes"));
    communes.brancher(document.getElementById("ocommune"), document.getElementById("ocommune-liste"), function (c) {
      commune = c;
      if (!document.getElementById("oresultat").hidden) conseiller(false);
    });
    racine.querySelector(".annuaire-sans-js").hidden = true;
    form.querySelector("button[type=submit]").hidden = false;
  });

  function reponses() {
    var out = {};
    new FormData(form).forEach(function (v, k) { if (v) out[k] = String(v); });
    return out;
  }

  function regle(rep) {
    for (var i = 0; i < regles.regles.length; i++) {
      var r = regles.regles[i], ok = true;
      Object.keys(r.si).forEach(function (k) { if (rep[k] !== r.si[k]) ok = false; });
      if (ok) return r;
    }
    return null;
  }

  function noms(codes) {
    return codes.map(function (c) { return regles.segments[c]; }).join(" ou ");
  }

  function conseiller(focus) {
    var rep = reponses(), r = regle(rep);
    if (!r) return;
    var etat = { segment: r.segments.slice() };
    regles.precisions.forEach(function (p) {
      var choisie = p.reponses.filter(function (x) { return x.code === rep[p.id]; })[0];
      if (!choisie) return;
      Object.keys(choisie.filtre || {}).forEach(function (k) {
        etat[k] = ["langue", "adaptation", "theme", "segment"].indexOf(k) >= 0 ? [choisie.filtre[k]] : choisie.filtre[k];
      });
      Object.keys(choisie.classe || {}).forEach(function (k) { etat.prefere = choisie.classe[k]; });
    });
    if (commune) etat.commune = commune.code;
    var res = moteur.chercher(etat, commune, null);
    document.getElementById("osegments").textContent = "Conseil : " + noms(r.segments);
    document.getElementById("oraison").textContent = r.raison;
    var puis = document.getElementById("opuis");
    puis.hidden = !r.puis.length;
    puis.textContent = r.puis.length ? "Ensuite : " + noms(r.puis) + "." : "";
    var liste = document.getElementById("ooffres");
    liste.textContent = "";
    var n = Math.min(MONTREES, res.offres.length);
    for (var i = 0; i < n; i++) liste.appendChild(moteur.element(res.offres[i], base, res.maintenant, commune));
    var t;
    if (!res.offres.length) t = "Aucune offre de ce type ne remplit toutes les conditions : assouplissez une contrainte, ou cherchez plus largement avec le lien ci-dessous.";
    else {
      t = res.offres.length + (res.offres.length > 1 ? " offres correspondent" : " offre correspond");
      if (commune) t += " (" + res.parAnneau[0] + " à " + commune.nom + ", " + res.parAnneau[1] + " dans l'intercommunalité)";
      t += res.offres.length > n ? ". Voici les " + n + " plus proches." : ".";
    }
    document.getElementById("ocompte").textContent = t;
    var lien = Object.assign({}, etat);
    delete lien.prefere;
    document.getElementById("olien").href = racine.getAttribute("data-recherche") + R.urlDepuisEtat(lien);
    var section = document.getElementById("oresultat");
    section.hidden = false;
    if (focus) document.getElementById("oresultat-titre").focus();
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    if (moteur) conseiller(true);
  });
  form.addEventListener("change", function (ev) {
    if (moteur && ev.target.id !== "ocommune" && !document.getElementById("oresultat").hidden) conseiller(false);
  });
})();
