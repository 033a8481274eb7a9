/* The contribution form page: where the file goes, the fields (formulaire-champs.js), the checks
   (the schema itself through Ajv, plus the few rules of `annuaire validate` that span several fields),
   the YAML file (js-yaml: dates and times always quoted) and the links to the forge. Nothing is sent. */
(function () {
  "use strict";
  var racine = document.getElementById("contrib");
  if (!racine || !window.jsyaml || !window.AnnuaireChamps) return;
  var C = window.AnnuaireChamps, el = C.el;
  var D = JSON.parse(document.getElementById("contrib-donnees").textContent);
  var ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var FORMATS = { date: "Date au format AAAA-MM-JJ.", heure: "Heure sur 24 h au format HH:MM (ex. 14:00).",
    telephone: "Numéro français : 02 99 00 12 34 ou +33299001234.", courriel: "Adresse électronique incomplète (ex. contact@exemple.fr).",
    url: "Lien commençant par https:// ou http://." };
  var TYPES_JSON = { integer: "Un nombre entier, sans virgule.", number: "Un nombre (ex. 1,5).", string: "Un texte.",
    boolean: "Oui ou non.", array: "Une liste.", object: "Un groupe de champs." };
  var $ = function (id) { return document.getElementById(id); };

  racine.querySelector(".annuaire-sans-js").hidden = true;
  var formulaire = $("contrib-formulaire");
  formulaire.hidden = false;
  $("contrib-charger").hidden = false;

  /* --- shared context: the chosen structure's venues and partners, values a loaded file could not place --- */
  var sources = { lieux: [], partenaires: [] }, abonnes = [], nonRepris = [];
  var ctx = {
    surSources: function (f) { abonnes.push(f); f(sources); },
    nonRepris: function (cle, valeur) { nonRepris.push("« " + cle + " » : " + (typeof valeur === "object" ? JSON.stringify(valeur) : String(valeur))); }
  };
  function changerSources(s) { sources = s; abonnes.forEach(function (f) { f(sources); }); }

  /* --- where the file goes ------------------------------------------------------------------------ */
  var structures = {}, idModifie = false, place = $("contrib-emplacement");
  var aStructure = D.type !== "structure", aId = D.type !== "lieux";
  var choixStructure, idStructure, idFichier;
  function champEmplacement(id, libelle, aide, controle) {
    var boite = el("div", { classe: "contrib-champ" }, [el("label", { "for": id, texte: libelle }),
      aide ? el("p", { classe: "contrib-aide", id: id + "-aide", texte: aide }) : null, controle,
      el("p", { classe: "contrib-erreur", id: id + "-err", hidden: true })]);
    controle.setAttribute("aria-describedby", (aide ? id + "-aide " : "") + id + "-err");
    place.appendChild(boite);
    return boite;
  }
  if (aStructure) {
    choixStructure = el("select", { id: "contrib-structure" }, [el("option", { value: "", texte: "— choisir —" }),
      el("option", { value: "__nouvelle__", texte: "Ma structure n'est pas encore dans l'annuaire" })]);
    champEmplacement("contrib-structure", "Votre structure (obligatoire)", "Ses lieux et ses partenaires vous seront proposés plus bas.", choixStructure);
    idStructure = el("input", { type: "text", id: "contrib-structure-id", autocomplete: "off", spellcheck: "false" });
    var boiteNouvelle = champEmplacement("contrib-structure-id", "Identifiant de votre structure (obligatoire)",
      "Le nom de son dossier, choisi quand vous l'avez ajoutée : minuscules sans accent, chiffres et tirets.", idStructure);
    boiteNouvelle.hidden = true;
    choixStructure.addEventListener("change", function () {
      boiteNouvelle.hidden = choixStructure.value !== "__nouvelle__";
      var s = structures[choixStructure.value];
      changerSources({
        lieux: s ? s.lieux.map(function (l) { return { id: l.id, nom: l.nom + ", " + l.commune }; }) : [],
        partenaires: s ? s.partenaires : []
      });
    });
  }
  if (aId) {
    idFichier = el("input", { type: "text", id: "contrib-id", autocomplete: "off", spellcheck: "false" });
    champEmplacement("contrib-id", D.type === "offre" ? "Identifiant de l'offre (obligatoire)" : "Identifiant de la structure (obligatoire)",
      "C'est le nom du fichier" + (D.type === "offre" ? "" : " et du dossier") + ", et la fin de l'adresse de la page : " +
      "minuscules sans accent, chiffres et tirets. Proposé d'après le nom.", idFichier);
    idFichier.addEventListener("input", function () { idModifie = idFichier.value.trim() !== ""; });
  }
  function identifiant(texte) {
    return String(texte || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  }
  function structureChoisie() {
    if (!aStructure) return idFichier.value.trim();
    return choixStructure.value === "__nouvelle__" ? idStructure.value.trim() : choixStructure.value;
  }
  function chemin() {
    return D.chemin.replace("{structure}", structureChoisie() || "…").replace("{id}", aId ? idFichier.value.trim() || "…" : "");
  }

  /* --- the fields ------------------------------------------------------------------------------------ */
  var racineChamps = C.objet({ cle: "", titre: D.formulaire.titre, champs: D.formulaire.champs, requis: true }, ctx, true);
  $("contrib-champs").appendChild(racineChamps.el);
  var nom = racineChamps.trouver(["nom"]);
  if (aId && nom && nom.cible) nom.cible.addEventListener("input", function () {
    if (!idModifie) idFichier.value = identifiant(nom.cible.value);
  });
  var dateMaj = racineChamps.trouver(["date_maj"]);
  if (dateMaj && dateMaj.champ.cle === "date_maj") {
    // A new file is checked today, in the contributor's own time zone.
    var n = new Date(), deux = function (x) { return (x < 10 ? "0" : "") + x; };
    dateMaj.ecrire(n.getFullYear() + "-" + deux(n.getMonth() + 1) + "-" + deux(n.getDate()));
  }
  // A segment implies its configuration (referential key x-configuration): set it, as the validator expects.
  var segment = racineChamps.trouver(["segment"]), configuration = racineChamps.trouver(["configuration"]);
  if (segment.champ.cle === "segment" && configuration.champ.cle === "configuration") {
    segment.el.addEventListener("change", function () {
      var o = segment.champ.options.filter(function (x) { return x.code === segment.lire(); })[0];
      if (o && o.configuration) configuration.ecrire(o.configuration);
    });
  }

  fetch(racine.getAttribute("data-structures")).then(function (r) { return r.json(); }).then(function (liste) {
    structures = liste;
    if (!aStructure) return;
    Object.keys(liste).forEach(function (sid) {
      choixStructure.insertBefore(el("option", { value: sid, texte: liste[sid].nom }), choixStructure.lastChild);
    });
    var demande = new URLSearchParams(location.search).get("structure");
    if (demande && liste[demande]) { choixStructure.value = demande; choixStructure.dispatchEvent(new Event("change")); }
  }).catch(function () { /* without the list, a structure is typed as a new one */ });

  /* --- checks ------------------------------------------------------------------------------------------ */
  var valider = null;
  if (window.ajv2020) {
    var Ajv = window.ajv2020.default || window.ajv2020;
    var ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat("date", function (s) {
      var d = new Date(s + "T12:00:00Z");
      return /^\d{4}-\d{2}-\d{2}$/.test(s) && !isNaN(d) && d.toISOString().slice(0, 10) === s;
    });
    valider = ajv.compile(D.schema);
  }
  function message(err, champ) {
    var p = err.params || {}, type = champ ? champ.type : "";
    switch (err.keyword) {
      case "required": return "Ce champ est obligatoire.";
      case "minLength": return "Trop court : au moins " + p.limit + " caractère" + (p.limit > 1 ? "s" : "") + ".";
      case "maxLength": return "Trop long : au plus " + p.limit + " caractères.";
      case "pattern":
        if (FORMATS[type]) return FORMATS[type];
        if (p.pattern && p.pattern.indexOf("^[a-z0-9]+(-[a-z0-9]+)*") === 0) return "Minuscules sans accent, chiffres et tirets (ex. « atelier-impots »).";
        return "Format inattendu" + (champ && champ.exemple !== undefined ? " (exemple : " + champ.exemple + ")" : "") + ".";
      case "format": return "Cette date n'existe pas.";
      case "minimum": return "Au moins " + p.limit + ".";
      case "maximum": return "Au plus " + p.limit + ".";
      case "exclusiveMinimum": return "Doit être plus grand que " + p.limit + ".";
      case "minItems": return "Choisissez ou ajoutez au moins " + p.limit + " élément" + (p.limit > 1 ? "s" : "") + ".";
      case "uniqueItems": return "Une valeur apparaît deux fois.";
      case "type": return TYPES_JSON[p.type] || "Type de valeur inattendu.";
      case "additionalProperties": return "Champ inconnu « " + p.additionalProperty + " ».";
      default: return "Valeur non autorisée : choisissez dans la liste.";
    }
  }
  function regles(doc) {
    /* The cross-field rules of `annuaire validate` (generator/validate.py) for an offer, same wording. */
    var r = [];
    if (D.type !== "offre") return r;
    var seg = segment.champ.options.filter(function (o) { return o.code === doc.segment; })[0];
    if (seg && seg.configuration && doc.configuration && doc.configuration !== seg.configuration)
      r.push({ chemin: ["configuration"], message: "Un segment « " + seg.titre + " » est une offre " + (seg.configuration === "programmee" ? "programmée." : "spontanée.") });
    if (!doc.lieux && !doc.a_distance && !doc.itinerant)
      r.push({ chemin: ["lieux"], message: "Dites où l'offre a lieu : choisissez un lieu, ou cochez « À distance » ou « Itinérant »." });
    // Hours per venue (horaires_par_lieu) stand for common hours, as in generator/validation/offre.py.
    if (doc.configuration === "spontanee" && !doc.horaires && !(doc.horaires_par_lieu || []).length)
      r.push({ chemin: ["horaires"], message: "Une offre spontanée doit donner ses horaires." });
    (doc.sessions || []).forEach(function (s, i) {
      if (s.debut && s.fin && s.fin < s.debut) r.push({ chemin: ["sessions", i, "fin"], message: "La session finit avant de commencer." });
      (s.seances || []).forEach(function (x, j) {
        var base = ["sessions", i, "seances", j];
        if (x.date && s.debut && s.fin && (x.date < s.debut || x.date > s.fin))
          r.push({ chemin: base.concat("date"), message: "Cette séance est en dehors de la session (" + s.debut + " → " + s.fin + ")." });
        if (x.debut && x.fin && x.fin <= x.debut)
          r.push({ chemin: base.concat("fin"), message: "La séance finit avant de commencer (heures sur 24 h)." });
      });
    });
    return r;
  }
  function erreurEmplacement(id, texte) {
    var p = $(id + "-err"), input = $(id);
    p.textContent = texte || "";
    p.hidden = !texte;
    if (texte) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    return texte ? [{ cible: input, message: texte, titre: input.labels[0].textContent.replace(" (obligatoire)", "") }] : [];
  }
  function toutesLesErreurs(doc) {
    var liste = [];
    if (aStructure) liste = liste.concat(erreurEmplacement("contrib-structure", choixStructure.value ? "" : "Choisissez votre structure."));
    if (aStructure && choixStructure.value === "__nouvelle__")
      liste = liste.concat(erreurEmplacement("contrib-structure-id", ID_RE.test(idStructure.value.trim()) ? "" : "Minuscules sans accent, chiffres et tirets (ex. « ma-structure »)."));
    if (aId) liste = liste.concat(erreurEmplacement("contrib-id", ID_RE.test(idFichier.value.trim()) && idFichier.value.trim().length >= 2 ? "" : "Minuscules sans accent, chiffres et tirets, 2 caractères au moins."));
    var vues = new Map();
    function noter(ctl, message, cible) {
      if (vues.has(ctl)) return;
      vues.set(ctl, message);
      liste.push({ ctl: ctl, cible: cible || ctl.cible, message: message, titre: ctl.champ.titre });
    }
    racineChamps.verifier().forEach(function (p) { noter(p.ctl, p.message, p.cible); });
    if (valider && !valider(doc)) {
      valider.errors.forEach(function (e) {
        var parts = e.instancePath.split("/").slice(1).map(function (x) { return x.replace(/~1/g, "/").replace(/~0/g, "~"); });
        if (e.keyword === "required") parts.push(e.params.missingProperty);
        var ctl = racineChamps.trouver(parts);
        noter(ctl, message(e, ctl.champ));
      });
    }
    regles(doc).forEach(function (r) { var ctl = racineChamps.trouver(r.chemin.map(String)); noter(ctl, r.message); });
    return { liste: liste, vues: vues };
  }
  function effacer(ctl) {
    ctl.montrer("");
    (ctl.enfants || []).forEach(effacer);
    if (ctl.items) ctl.items().forEach(effacer);
  }

  /* --- the YAML file -------------------------------------------------------------------------------- */
  function yaml(doc) {
    // js-yaml quotes every string a YAML 1.1 reader would take for something else: dates, times (14:00), 012…
    return D.entete + "\n" + window.jsyaml.dump(doc, { quoteStyle: "double", lineWidth: -1 });
  }
  function lienGithub(texte) {
    return D.depot.nouveau + "?filename=" + encodeURIComponent(chemin()) + "&value=" + encodeURIComponent(texte);
  }
  function existeDeja() {
    // A known structure's existing files (structures.json): GitHub refuses to create them again.
    var s = structures[structureChoisie()];
    if (!s) return false;
    if (D.type === "offre") return s.offres.indexOf(idFichier.value.trim()) >= 0;
    return true;
  }
  function montrerResultat(texte) {
    $("contrib-resultat").hidden = false;
    $("contrib-yaml").value = texte;
    $("contrib-chemin").textContent = chemin();
    var lien = $("contrib-github"), remplacer = D.depot && existeDeja();
    if (D.depot) { lien.href = remplacer ? D.depot.modifier + chemin() : lienGithub(texte); lien.hidden = false; } else { lien.hidden = true; }
    lien.textContent = remplacer ? "Ouvrir le fichier existant sur GitHub" : "Créer le fichier sur GitHub";
    $("contrib-remplacer").hidden = !remplacer;
    $("contrib-copie").textContent = lien.href.length > 8000 && D.depot
      ? "Le fichier est long : si la page de GitHub ne s'ouvre pas, copiez le texte et collez-le dans un nouveau fichier." : "";
  }

  formulaire.addEventListener("submit", function (ev) {
    ev.preventDefault();
    effacer(racineChamps);
    var doc = racineChamps.lire();
    var r = toutesLesErreurs(doc);
    r.vues.forEach(function (m, ctl) { ctl.montrer(m); });
    var bilan = $("contrib-bilan"), ul = $("contrib-erreurs");
    bilan.hidden = false;
    ul.textContent = "";
    if (r.liste.length) {
      $("contrib-bilan-texte").textContent = r.liste.length === 1 ? "1 champ est à corriger :" : r.liste.length + " champs sont à corriger :";
      r.liste.forEach(function (e) {
        var a = el("a", { href: "#" + (e.cible && e.cible.id ? e.cible.id : ""), texte: e.titre + " : " + e.message });
        a.addEventListener("click", function (x) { x.preventDefault(); if (e.cible && e.cible.focus) e.cible.focus(); });
        ul.appendChild(el("li", {}, [a]));
      });
      $("contrib-resultat").hidden = true;
    } else {
      $("contrib-bilan-texte").textContent = "Tout est correct. Votre fichier est prêt, ci-dessous.";
      montrerResultat(yaml(doc));
    }
    bilan.focus();
  });

  $("contrib-copier").addEventListener("click", function () {
    var zone = $("contrib-yaml"), etat = $("contrib-copie");
    function fait() { etat.textContent = "Texte copié : collez-le dans le fichier sur GitHub."; }
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(zone.value).then(fait, function () { zone.select(); });
    else { zone.select(); try { document.execCommand("copy"); fait(); } catch (e) { etat.textContent = "Sélectionnez le texte et copiez-le (Ctrl+C)."; } }
  });
  $("contrib-telecharger").addEventListener("click", function () {
    var a = el("a", { href: URL.createObjectURL(new Blob([$("contrib-yaml").value], { type: "text/yaml" })),
      download: chemin().split("/").pop() });
    document.body.appendChild(a);
    a.click();
    a.remove();
  });

  /* --- loading an existing file ----------------------------------------------------------------------- */
  function charger(texte, nomFichier) {
    var etat = $("contrib-lecture");
    etat.textContent = "";
    var doc;
    try {
      doc = window.jsyaml.load(texte);
    } catch (e) {
      etat.appendChild(el("p", { classe: "annuaire-alerte", texte: "Ce texte n'est pas lisible" + (e.mark ? " (ligne " + (e.mark.line + 1) + ")" : "") +
        " : " + (e.reason || e.message) + ". Vérifiez que vous avez copié tout le fichier." }));
      return false;
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
      etat.appendChild(el("p", { classe: "annuaire-alerte", texte: "Ce texte ne ressemble pas à un fichier de l'annuaire." }));
      return false;
    }
    nonRepris = [];
    delete doc.$schema;
    racineChamps.ecrire(doc);
    var stem = (nomFichier || "").replace(/\.ya?ml$/, "");
    if (aId && ID_RE.test(stem) && stem !== "structure" && stem !== "lieux") { idFichier.value = stem; idModifie = true; }
    var messages = [el("p", { texte: "Fichier chargé dans le formulaire : modifiez-le, puis vérifiez." })];
    if (nonRepris.length) {
      messages.push(el("p", { classe: "annuaire-alerte", texte: "Ces informations n'ont pas de place dans le formulaire et ne seront pas reprises :" }));
      var ul = el("ul");
      nonRepris.forEach(function (n) { ul.appendChild(el("li", { texte: n })); });
      messages.push(ul);
    }
    var commentaires = texte.split("\n").filter(function (l) { return /^\s*#/.test(l) && l.indexOf("yaml-language-server") < 0; });
    if (commentaires.length) messages.push(el("p", { texte: "Les " + commentaires.length + " ligne(s) de commentaire (commençant par #) ne seront pas reprises." }));
    messages.forEach(function (m) { etat.appendChild(m); });
    return true;
  }
  $("contrib-lire").addEventListener("click", function () { charger($("contrib-source").value); });
  $("contrib-fichier").addEventListener("change", function (ev) {
    var f = ev.target.files[0];
    if (!f) return;
    f.text().then(function (t) { $("contrib-source").value = t; charger(t, f.name); });
  });

  window.AnnuaireFormulaire = { charger: charger, lire: function () { return racineChamps.lire(); }, yaml: yaml, chemin: chemin };
}());
