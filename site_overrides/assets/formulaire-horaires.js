/* The opening-hours field of the contribution form: a grid of days × time ranges, public holidays,
   yearly and dated closures, the OpenStreetMap text they make and its reading in French.
   The text is the value; the grid is a way to write it (see horaires.js for the syntax subset). */
(function () {
  "use strict";
  var H = window.AnnuaireHoraires, C = window.AnnuaireChamps, el = C.el;

  function editeur(champ, ctx) {
    var id = C.nouvelId(champ.cle), c = C.cadre(champ, id, true), model = H.vide(), brut = false;
    var grille = el("div", { classe: "contrib-jours" });
    var lignes = H.JOURS.map(function (code, i) {
      var nom = H.NOMS[i], legende = nom.charAt(0).toUpperCase() + nom.slice(1);
      var plages = el("div", { classe: "contrib-plages" });
      var ferme = el("span", { classe: "contrib-discret", texte: "Fermé" });
      var ajout = el("button", { type: "button", classe: "md-button contrib-petit", texte: "Ajouter une plage",
        "aria-label": "Ajouter une plage horaire le " + nom });
      var boite = el("fieldset", { classe: "contrib-jour", "data-jour": code }, [el("legend", { texte: legende }), ferme, plages, ajout]);
      grille.appendChild(boite);
      var ligne = { plages: plages, ferme: ferme, entrees: [], nom: nom };
      ajout.addEventListener("click", function () { ajouterPlage(ligne, ["", ""]).debut.focus(); });
      return ligne;
    });
    function ajouterPlage(ligne, valeurs) {
      var n = ligne.entrees.length + 1, pid = C.nouvelId(id + "-p");
      var debut = el("input", { type: "time", id: pid + "-d", value: valeurs[0] || null });
      var fin = el("input", { type: "time", id: pid + "-f", value: valeurs[1] || null });
      var retirer = el("button", { type: "button", classe: "md-button contrib-petit", texte: "Retirer",
        "aria-label": "Retirer la plage " + n + " du " + ligne.nom });
      var boite = el("div", { classe: "contrib-plage" }, [
        el("label", { "for": debut.id }, ["de", el("span", { classe: "annuaire-vh", texte: " (" + ligne.nom + ", plage " + n + ")" })]), debut,
        el("label", { "for": fin.id }, ["à", el("span", { classe: "annuaire-vh", texte: " (" + ligne.nom + ", plage " + n + ")" })]), fin,
        retirer]);
      var entree = { debut: debut, fin: fin, boite: boite };
      retirer.addEventListener("click", function () {
        ligne.entrees.splice(ligne.entrees.indexOf(entree), 1);
        boite.remove();
        ligne.ferme.hidden = ligne.entrees.length > 0;
        depuisGrille();
      });
      [debut, fin].forEach(function (x) { x.addEventListener("change", depuisGrille); });
      ligne.entrees.push(entree);
      ligne.plages.appendChild(boite);
      ligne.ferme.hidden = true;
      return entree;
    }
    var copier = el("button", { type: "button", classe: "md-button contrib-petit", texte: "Mêmes horaires que le lundi, du mardi au vendredi" });
    copier.addEventListener("click", function () {
      var lundi = lignes[0].entrees.map(function (e) { return [e.debut.value, e.fin.value]; });
      for (var i = 1; i <= 4; i++) remplirJour(lignes[i], lundi);
      depuisGrille();
    });

    var feriesId = C.nouvelId(id + "-feries");
    var feries = [["off", "Fermé les jours fériés"], ["normal", "Ouvert les jours fériés aux horaires habituels"]].map(function (o) {
      return el("input", { type: "radio", name: feriesId, id: feriesId + "-" + o[0], value: o[0] });
    });
    var boiteFeries = el("fieldset", { classe: "contrib-sous-groupe" }, [el("legend", { texte: "Jours fériés" })].concat(
      feries.map(function (r, i) {
        return el("div", { classe: "contrib-option" }, [r, el("label", { "for": r.id, texte: i ? "Ouvert les jours fériés aux horaires habituels" : "Fermé les jours fériés" })]);
      })));
    feries.forEach(function (r) { r.addEventListener("change", depuisGrille); });

    function selectMois(sid, libelle) {
      var s = el("select", { id: sid }, [el("option", { value: "", texte: "—" })].concat(H.NOMS_MOIS.map(function (m, i) {
        return el("option", { value: String(i + 1), texte: m });
      })));
      s.addEventListener("change", depuisGrille);
      return [el("label", { "for": sid, texte: libelle }), s];
    }
    var deMois = selectMois(id + "-mde", "Fermé chaque année de"), aMois = selectMois(id + "-ma", "à");
    var fermetures = el("div", { classe: "contrib-fermetures" }), datees = [];
    var ajoutFermeture = el("button", { type: "button", classe: "md-button contrib-petit", texte: "Ajouter une fermeture (congés, travaux…)" });
    function ajouterFermeture(f) {
      var fid = C.nouvelId(id + "-f"), n = datees.length + 1;
      var du = el("input", { type: "date", id: fid + "-du", value: f.du || null });
      var au = el("input", { type: "date", id: fid + "-au", value: f.au || null });
      var retirer = el("button", { type: "button", classe: "md-button contrib-petit", texte: "Retirer", "aria-label": "Retirer la fermeture " + n });
      var boite = el("div", { classe: "contrib-plage" }, [el("label", { "for": du.id, texte: "Fermé du" }), du,
        el("label", { "for": au.id, texte: "au" }), au, retirer]);
      var entree = { du: du, au: au };
      retirer.addEventListener("click", function () { datees.splice(datees.indexOf(entree), 1); boite.remove(); depuisGrille(); });
      [du, au].forEach(function (x) { x.addEventListener("change", depuisGrille); });
      datees.push(entree);
      fermetures.appendChild(boite);
      return entree;
    }
    ajoutFermeture.addEventListener("click", function () { ajouterFermeture({}).du.focus(); });
    var boiteFermetures = el("fieldset", { classe: "contrib-sous-groupe" }, [el("legend", { texte: "Fermetures" }),
      el("div", { classe: "contrib-plage" }, deMois.concat(aMois)), fermetures, ajoutFermeture]);

    var texteId = id + "-osm";
    var texte = el("input", { type: "text", id: texteId, spellcheck: "false", autocomplete: "off",
      "aria-describedby": texteId + "-aide " + c.errId });
    var clair = el("div", { classe: "contrib-en-clair", "aria-live": "polite" });
    var avance = el("p", { classe: "annuaire-alerte", hidden: true, texte: "Ces horaires utilisent une forme que les cases ne " +
      "savent pas montrer (saisons, semaines du mois…) : modifiez le texte ci-dessous. Il sera vérifié à la publication." });
    var boiteTexte = el("div", { classe: "contrib-champ" }, [el("label", { "for": texteId, texte: "Texte au format OpenStreetMap" }),
      el("p", { classe: "contrib-aide", id: texteId + "-aide", texte: "Rempli par les cases ci-dessus ; vous pouvez aussi l'écrire " +
        "directement (jours Mo Tu We Th Fr Sa Su, heures sur 24 h, « ; » entre les règles, « PH off » pour les jours fériés)." }), texte]);
    texte.addEventListener("input", depuisTexte);

    [grille, copier, boiteFeries, boiteFermetures, avance, boiteTexte,
      el("p", { classe: "contrib-sous-titre", texte: "En clair :" }), clair, c.erreur].forEach(function (x) { c.boite.appendChild(x); });

    function remplirJour(ligne, plages) {
      ligne.entrees.forEach(function (e) { e.boite.remove(); });
      ligne.entrees = [];
      plages.forEach(function (p) { ajouterPlage(ligne, p); });
      ligne.ferme.hidden = plages.length > 0;
    }
    function versGrille(m) {
      lignes.forEach(function (l, i) { remplirJour(l, m.jours[i]); });
      feries.forEach(function (r) { r.checked = r.value === m.feries; });
      deMois[1].value = m.annuelle ? String(m.annuelle.de) : "";
      aMois[1].value = m.annuelle ? String(m.annuelle.a) : "";
      datees.slice().forEach(function (d) { d.du.parentNode.remove(); });
      datees = [];
      m.fermetures.forEach(ajouterFermeture);
    }
    function lireGrille() {
      var m = H.vide();
      m.jours = lignes.map(function (l) {
        return l.entrees.filter(function (e) { return e.debut.value && e.fin.value; })
          .map(function (e) { return [e.debut.value, e.fin.value]; })
          .sort(function (a, b) { return a[0] < b[0] ? -1 : 1; });
      });
      m.feries = feries[1].checked ? "normal" : "off";
      var de = Number(deMois[1].value), a = Number(aMois[1].value || deMois[1].value);
      m.annuelle = de ? { de: de, a: a } : null;
      m.fermetures = datees.filter(function (d) { return d.du.value; }).map(function (d) { return { du: d.du.value, au: d.au.value || d.du.value }; });
      return m;
    }
    function lireClair(valeur, m) {
      clair.textContent = "";
      if (!valeur) { clair.appendChild(el("p", { texte: "Aucun horaire." })); return; }
      if (!m) { clair.appendChild(el("p", { texte: "Lecture en français impossible pour cette forme ; le site l'affichera une fois publiée." })); return; }
      var ul = el("ul");
      H.enFrancais(m).forEach(function (l) { ul.appendChild(el("li", { texte: l })); });
      clair.appendChild(ul);
    }
    function modeBrut(oui) {
      brut = oui;
      avance.hidden = !oui;
      [grille, copier, boiteFeries, boiteFermetures].forEach(function (x) { x.hidden = oui; });
    }
    function depuisGrille() {
      model = lireGrille();
      texte.value = H.format(model);
      lireClair(texte.value, model);
    }
    function depuisTexte() {
      var v = texte.value.trim(), m = v ? H.parse(v) : null;
      if (m) { model = m; versGrille(m); }
      modeBrut(!!v && !m);
      lireClair(v, m);
    }
    feries[0].checked = true;
    lireClair("", null);

    var ctl = C.base(champ, c, texte);
    ctl.lire = function () { return texte.value.trim() || undefined; };
    ctl.ecrire = function (v) {
      texte.value = v === undefined || v === null ? "" : String(v);
      if (!texte.value) { versGrille(H.vide()); modeBrut(false); lireClair("", null); return; }
      depuisTexte();
    };
    ctl.verifier = function () {
      if (brut) return [];
      var problemes = [];
      lignes.forEach(function (l) {
        l.entrees.forEach(function (e) {
          if (!e.debut.value !== !e.fin.value) problemes.push({ ctl: ctl, cible: e.debut.value ? e.fin : e.debut, message: "Plage incomplète le " + l.nom + " : indiquez le début et la fin." });
          else if (e.debut.value && e.fin.value <= e.debut.value) problemes.push({ ctl: ctl, cible: e.fin, message: "Le " + l.nom + ", la plage finit avant de commencer (heures sur 24 h : 14:00 pour 2 h de l'après-midi)." });
        });
      });
      datees.forEach(function (d) {
        if (d.du.value && d.au.value && d.au.value < d.du.value) problemes.push({ ctl: ctl, cible: d.au, message: "Une fermeture finit avant de commencer." });
      });
      return problemes;
    };
    return ctl;
  }

  C.types.horaires = editeur;
}());
