/* The fields of the contribution form, built from the field list generated from schema/
   (generator/site/form_fields.py). Each control offers lire() (its value, undefined when empty),
   ecrire(value), trouver(path) (the control holding a JSON path, to place an error) and
   montrer(message). Text reaches the DOM through textContent only. */
(function () {
  "use strict";
  var compteur = 0;
  var TYPES_INPUT = { texte: "text", date: "date", heure: "time", courriel: "email", telephone: "tel", url: "url",
    entier: "text", nombre: "text" };
  var RADIOS_MAX = 8;  // up to this many choices, radio buttons show every description

  function nouvelId(base) { compteur += 1; return "c" + compteur + "-" + String(base).replace(/[^a-zA-Z0-9_-]/g, ""); }
  function el(tag, attrs, enfants) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
      if (k === "texte") e.textContent = attrs[k];
      else if (k === "classe") e.className = attrs[k];
      else e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (enfants || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function estVide(v) {
    return v === undefined || v === null || v === "" || (Array.isArray(v) && !v.length) ||
      (typeof v === "object" && !Array.isArray(v) && !Object.keys(v).length);
  }
  function singulier(titre) {
    var mot = String(titre).split(/[ (]/)[0];
    return /x$/.test(mot) ? mot.slice(0, -1) : /s$/.test(mot) ? mot.slice(0, -1) : mot;
  }
  function normaliserTelephone(v) {
    var chiffres = v.replace(/[\s.\-()]/g, "");
    if (/^0[1-9][0-9]{8}$/.test(chiffres)) return "+33" + chiffres.slice(1);
    if (/^0033[1-9][0-9]{8}$/.test(chiffres)) return "+" + chiffres.slice(2);
    return chiffres;
  }

  /* Label (or legend), "obligatoire", help and error line shared by every control. */
  function cadre(champ, id, groupe) {
    var aideId = id + "-aide", errId = id + "-err";
    var titre = [champ.titre, champ.requis ? el("span", { classe: "contrib-requis", texte: " (obligatoire)" }) : null];
    var tete = groupe ? el("legend", {}, titre) : el("label", { "for": id }, titre);
    var aide = champ.aide ? el("p", { classe: "contrib-aide", id: aideId, texte: champ.aide + (champ.exemple !== undefined &&
      ["texte", "heure", "telephone", "courriel", "url"].indexOf(champ.type) >= 0 ? " Exemple : " + champ.exemple : "") }) : null;
    var erreur = el("p", { classe: "contrib-erreur", id: errId, hidden: true });
    var boite = el(groupe ? "fieldset" : "div", { classe: "contrib-champ contrib-" + champ.type, "data-cle": champ.cle }, [tete, aide]);
    if (groupe) boite.setAttribute("aria-describedby", [aide ? aideId : "", errId].join(" ").trim());
    return { boite: boite, aideId: aide ? aideId : null, errId: errId, erreur: erreur };
  }
  function decrit(input, c) { input.setAttribute("aria-describedby", [c.aideId, c.errId].filter(Boolean).join(" ")); }
  function base(champ, c, cible) {
    return {
      champ: champ, el: c.boite, cible: cible,
      trouver: function () { return this; },
      montrer: function (message) {
        c.erreur.textContent = message || "";
        c.erreur.hidden = !message;
        if (cible && cible.setAttribute) {
          if (message) cible.setAttribute("aria-invalid", "true"); else cible.removeAttribute("aria-invalid");
        }
      },
      verifier: function () { return []; }
    };
  }

  function simple(champ, ctx) {
    var id = nouvelId(champ.cle), c = cadre(champ, id, false), long = champ.type === "texte-long";
    var input = el(long ? "textarea" : "input", { id: id, name: champ.cle, rows: long ? 4 : null,
      type: long ? null : TYPES_INPUT[champ.type] || "text", "aria-required": champ.requis ? "true" : null,
      maxlength: champ.maxLength || null, inputmode: champ.type === "entier" ? "numeric" : champ.type === "nombre" ? "decimal" : null,
      autocomplete: champ.type === "courriel" ? "email" : champ.type === "telephone" ? "tel" : "off" });
    decrit(input, c);
    c.boite.appendChild(input);
    if (champ.source) {
      var liste = el("datalist", { id: id + "-liste" });
      input.setAttribute("list", liste.id);
      c.boite.appendChild(liste);
      ctx.surSources(function (sources) {
        liste.textContent = "";
        (sources[champ.source] || []).forEach(function (s) { liste.appendChild(el("option", { value: s.id, texte: s.nom })); });
      });
    }
    c.boite.appendChild(c.erreur);
    var ctl = base(champ, c, input);
    ctl.lire = function () {
      var v = input.value.trim();
      if (!v) return undefined;
      if (champ.type === "entier") return /^-?\d+$/.test(v) ? parseInt(v, 10) : v;
      if (champ.type === "nombre") { var n = v.replace(",", "."); return /^-?\d+(\.\d+)?$/.test(n) ? Number(n) : v; }
      if (champ.type === "telephone") return normaliserTelephone(v);
      return long ? input.value.replace(/\s+$/, "") : v;
    };
    ctl.ecrire = function (v) {
      input.value = v === undefined || v === null ? "" : champ.type === "nombre" ? String(v).replace(".", ",") : String(v);
    };
    if (champ.type === "telephone") input.addEventListener("blur", function () { var v = ctl.lire(); if (v) input.value = v; });
    return ctl;
  }

  function choix(champ, ctx) {
    var id = nouvelId(champ.cle), radios = champ.options.length <= RADIOS_MAX;
    var c = cadre(champ, id, radios), ctl;
    if (radios) {
      var boutons = champ.options.map(function (o, i) {
        var bid = id + "-" + i, dId = bid + "-d";
        var r = el("input", { type: "radio", id: bid, name: id, value: o.code, "aria-describedby": o.description ? dId : null });
        c.boite.appendChild(el("div", { classe: "contrib-option" }, [r, el("label", { "for": bid }, [el("strong", { texte: o.titre }),
          o.description ? el("span", { classe: "contrib-description", id: dId, texte: " — " + o.description }) : null])]));
        return r;
      });
      c.boite.appendChild(c.erreur);
      ctl = base(champ, c, c.boite);
      ctl.cible = boutons[0];
      ctl.lire = function () { var r = boutons.filter(function (b) { return b.checked; })[0]; return r ? r.value : undefined; };
      ctl.ecrire = function (v) {
        boutons.forEach(function (b) { b.checked = b.value === v; });
        if (v !== undefined && v !== null && ctl.lire() !== v) ctx.nonRepris(champ.titre, v);
      };
    } else {
      var select = el("select", { id: id, "aria-required": champ.requis ? "true" : null },
        [el("option", { value: "", texte: "— choisir —" })].concat(champ.options.map(function (o) {
          return el("option", { value: o.code, texte: o.titre });
        })));
      decrit(select, c);
      c.boite.appendChild(select);
      c.boite.appendChild(c.erreur);
      ctl = base(champ, c, select);
      ctl.lire = function () { return select.value || undefined; };
      ctl.ecrire = function (v) {
        select.value = v === undefined || v === null ? "" : v;
        if (v !== undefined && v !== null && select.value !== v) ctx.nonRepris(champ.titre, v);
      };
    }
    return ctl;
  }

  /* Tick boxes that keep the order of a loaded file (new ticks go last), so a file round-trips. */
  function cases(champ, ctx, options, c, conteneur) {
    var boites = [], ordre = [];
    function dessiner(opts) {
      var avant = lireCases();
      conteneur.textContent = "";
      boites = opts.map(function (o, i) {
        var bid = c.id + "-" + i, dId = bid + "-d";
        var b = el("input", { type: "checkbox", id: bid, value: o.code, "aria-describedby": o.description ? dId : null });
        conteneur.appendChild(el("div", { classe: "contrib-option" }, [b, el("label", { "for": bid }, [o.titre,
          o.description ? el("span", { classe: "contrib-description", id: dId, texte: " — " + o.description }) : null])]));
        return b;
      });
      boites.forEach(function (b) { b.checked = avant.indexOf(b.value) >= 0; });
    }
    function lireCases() {
      var coches = boites.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      return ordre.filter(function (v) { return coches.indexOf(v) >= 0; })
        .concat(coches.filter(function (v) { return ordre.indexOf(v) < 0; }));
    }
    dessiner(options);
    return {
      dessiner: dessiner, lire: lireCases, premiere: function () { return boites[0]; },
      ecrire: function (valeurs) {
        ordre = valeurs.slice();
        boites.forEach(function (b) { b.checked = valeurs.indexOf(b.value) >= 0; });
        return valeurs.filter(function (v) { return !boites.some(function (b) { return b.value === v; }); });
      }
    };
  }

  function choixMultiple(champ, ctx) {
    var id = nouvelId(champ.cle), c = cadre(champ, id, true);
    c.id = id;
    var grille = el("div", { classe: "contrib-grille" });
    c.boite.appendChild(grille);
    c.boite.appendChild(c.erreur);
    var cs = cases(champ, ctx, champ.options, c, grille), ctl = base(champ, c, c.boite);
    ctl.cible = cs.premiere();
    ctl.lire = function () { var v = cs.lire(); return v.length ? v : undefined; };
    ctl.ecrire = function (v) { cs.ecrire(v || []).forEach(function (x) { ctx.nonRepris(champ.titre, x); }); };
    return ctl;
  }

  /* A list of texts, one per line; with a source (venues, partners) the known ones are tick boxes. */
  function listeTextes(champ, ctx) {
    var id = nouvelId(champ.cle), c = cadre(champ, id, !!champ.source), cs = null;
    c.id = id;
    var zoneId = id + "-autres";
    var zone = el("textarea", { id: zoneId, rows: 3, "aria-describedby": [c.aideId, c.errId].filter(Boolean).join(" ") });
    if (champ.source) {
      var grille = el("div", { classe: "contrib-grille" });
      c.boite.appendChild(grille);
      cs = cases(champ, ctx, [], c, grille);
      c.boite.appendChild(el("label", { "for": zoneId, classe: "contrib-sous-titre",
        texte: "Autres identifiants (un par ligne)" }));
      ctx.surSources(function (sources) {
        var garde = ctl ? ctl.lire() || [] : [];
        cs.dessiner((sources[champ.source] || []).map(function (s) { return { code: s.id, titre: s.nom + " (" + s.id + ")" }; }));
        if (ctl) ctl.ecrire(garde);
      });
    } else {
      c.boite.querySelector("label").appendChild(el("span", { classe: "contrib-discret", texte: " — un par ligne" }));
      c.boite.querySelector("label").setAttribute("for", zoneId);
    }
    c.boite.appendChild(zone);
    c.boite.appendChild(c.erreur);
    var ctl = base(champ, c, zone);
    ctl.lire = function () {
      var lignes = zone.value.split("\n").map(function (l) { return l.trim(); }).filter(Boolean);
      var v = (cs ? cs.lire() : []).concat(lignes);
      return v.length ? v : undefined;
    };
    ctl.ecrire = function (v) {
      var reste = cs ? cs.ecrire(v || []) : (v || []);
      zone.value = reste.map(String).join("\n");
    };
    return ctl;
  }

  function ouiNon(champ) {
    var id = nouvelId(champ.cle), c = cadre(champ, id, true);
    var boutons = [["oui", "Oui"], ["non", "Non"]].map(function (o) {
      var r = el("input", { type: "radio", id: id + "-" + o[0], name: id, value: o[0] });
      c.boite.appendChild(el("span", { classe: "contrib-option contrib-en-ligne" }, [r, el("label", { "for": r.id, texte: o[1] })]));
      return r;
    });
    c.boite.appendChild(c.erreur);
    var ctl = base(champ, c, boutons[0]);
    ctl.lire = function () { return boutons[0].checked ? true : boutons[1].checked ? false : undefined; };
    ctl.ecrire = function (v) { boutons[0].checked = v === true; boutons[1].checked = v === false; };
    return ctl;
  }

  /* An optional yes: unticked writes nothing (the schema's default is no). */
  function caseSimple(champ) {
    var id = nouvelId(champ.cle), c = cadre(champ, id, false);
    var b = el("input", { type: "checkbox", id: id });
    decrit(b, c);
    var label = c.boite.querySelector("label");
    c.boite.insertBefore(el("div", { classe: "contrib-option" }, [b, label]), c.boite.firstChild);
    c.boite.appendChild(c.erreur);
    var ctl = base(champ, c, b);
    ctl.lire = function () { return b.checked ? true : undefined; };
    ctl.ecrire = function (v) { b.checked = v === true; };
    return ctl;
  }

  function objet(champ, ctx, sansCadre) {
    var id = nouvelId(champ.cle || "racine"), c = cadre(champ, id, true);
    var boite = sansCadre ? el("div", { classe: "contrib-racine" }) : c.boite;
    var enfants = champ.champs.map(function (f) { var x = creer(f, ctx); boite.appendChild(x.el); return x; });
    if (!sansCadre) boite.appendChild(c.erreur);
    var ctl = base(champ, c, boite);
    ctl.el = boite;
    ctl.enfants = enfants;
    ctl.cible = enfants[0] ? enfants[0].cible : boite;
    ctl.lire = function () {
      var out = {};
      enfants.forEach(function (e) { var v = e.lire(); if (!estVide(v) || v === false) out[e.champ.cle] = v; });
      return Object.keys(out).length ? out : (champ.requis ? {} : undefined);
    };
    ctl.ecrire = function (v) {
      v = v && typeof v === "object" && !Array.isArray(v) ? v : {};
      enfants.forEach(function (e) { e.ecrire(v[e.champ.cle]); });
      Object.keys(v).forEach(function (k) {
        if (!enfants.some(function (e) { return e.champ.cle === k; })) ctx.nonRepris(k, v[k]);
      });
    };
    ctl.trouver = function (chemin) {
      if (!chemin.length) return ctl;
      var e = enfants.filter(function (x) { return x.champ.cle === chemin[0]; })[0];
      return e ? e.trouver(chemin.slice(1)) : ctl;
    };
    ctl.verifier = function () { return enfants.reduce(function (acc, e) { return acc.concat(e.verifier()); }, []); };
    return ctl;
  }

  function listeObjets(champ, ctx) {
    var id = nouvelId(champ.cle), c = cadre(champ, id, true), nom = singulier(champ.titre);
    var liste = el("div", { classe: "contrib-elements" }), items = [], indices = [];
    var ajouter = el("button", { type: "button", classe: "md-button contrib-ajouter", texte: "Ajouter : " + nom.toLowerCase() });
    c.boite.appendChild(liste);
    c.boite.appendChild(ajouter);
    var repeter = null;
    if (champ.cle === "seances") {
      repeter = el("button", { type: "button", classe: "md-button contrib-ajouter", texte: "Répéter la dernière séance une semaine plus tard" });
      c.boite.appendChild(repeter);
    }
    c.boite.appendChild(c.erreur);
    var ctl = base(champ, c, ajouter);
    function renumeroter() {
      items.forEach(function (it, i) {
        it.legende.textContent = nom + " " + (i + 1);
        it.retirer.textContent = "Retirer " + nom.toLowerCase() + " " + (i + 1);
      });
    }
    function nouvel(valeur) {
      var corps = objet({ cle: champ.cle, titre: nom, champs: champ.champs, requis: false }, ctx);
      var legende = corps.el.querySelector("legend");
      legende.textContent = "";
      var retirer = el("button", { type: "button", classe: "md-button contrib-retirer" });
      corps.el.appendChild(retirer);
      var item = { corps: corps, legende: legende, retirer: retirer };
      retirer.addEventListener("click", function () {
        var i = items.indexOf(item);
        items.splice(i, 1);
        corps.el.remove();
        renumeroter();
        (items[i] || items[i - 1]) ? (items[i] || items[i - 1]).legende.parentNode.querySelector("input, select, textarea").focus() : ajouter.focus();
      });
      items.push(item);
      liste.appendChild(corps.el);
      if (valeur !== undefined) corps.ecrire(valeur);
      renumeroter();
      return item;
    }
    ajouter.addEventListener("click", function () {
      var it = nouvel();
      var premier = it.corps.el.querySelector("input, select, textarea");
      if (premier) premier.focus();
    });
    if (repeter) repeter.addEventListener("click", function () {
      var dernier = items.length ? items[items.length - 1].corps.lire() : null;
      if (!dernier || !dernier.date) { ctl.montrer("Remplissez d'abord la date de la dernière séance."); return; }
      var d = new Date(dernier.date + "T12:00:00Z");
      d.setUTCDate(d.getUTCDate() + 7);
      var copie = JSON.parse(JSON.stringify(dernier));
      copie.date = d.toISOString().slice(0, 10);
      ctl.montrer("");
      var it = nouvel(copie);
      it.corps.el.querySelector("input").focus();
    });
    ctl.lire = function () {
      indices = [];
      var out = [];
      items.forEach(function (it, i) { var v = it.corps.lire(); if (!estVide(v)) { out.push(v); indices.push(i); } });
      return out.length ? out : undefined;
    };
    ctl.ecrire = function (v) {
      items.slice().forEach(function (it) { it.corps.el.remove(); });
      items = [];
      (Array.isArray(v) ? v : []).forEach(function (x) { nouvel(x); });
    };
    ctl.trouver = function (chemin) {
      if (!chemin.length) return ctl;
      var it = items[indices[Number(chemin[0])]];
      return it ? it.corps.trouver(chemin.slice(1)) : ctl;
    };
    ctl.verifier = function () {
      return items.reduce(function (acc, it) { return acc.concat(it.corps.verifier()); }, []);
    };
    ctl.items = function () { return items.map(function (it) { return it.corps; }); };
    ctl.ajouter = nouvel;
    return ctl;
  }

  var TYPES = { "texte": simple, "texte-long": simple, "date": simple, "heure": simple, "courriel": simple,
    "telephone": simple, "url": simple, "entier": simple, "nombre": simple, "choix": choix,
    "choix-multiple": choixMultiple, "liste-textes": listeTextes, "oui-non": ouiNon, "case": caseSimple,
    "objet": objet, "liste-objets": listeObjets };

  function creer(champ, ctx) {
    var fabrique = TYPES[champ.type] || simple;
    return fabrique(champ, ctx);
  }

  window.AnnuaireChamps = { creer: creer, objet: objet, types: TYPES, el: el, nouvelId: nouvelId, cadre: cadre,
    base: base, estVide: estVide };
}());
