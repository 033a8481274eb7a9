/* Recherche d'offres dans le navigateur, sur l'index construit avec le site (recherche/index.json).
   Le moteur (AnnuaireRecherche.moteur) sert la page /recherche/ et l'assistant /orienter/.
   Aucune donnée n'est insérée en HTML : tout passe par textContent et createElement. */
(function () {
  "use strict";

  var PAGE = 50;
  var PROXIMITES = ["commune", "epci", "departement"];
  var MULTI = ["segment", "theme", "public", "frais", "langue", "adaptation", "departement", "epci"];
  var ORDRE_URL = ["q", "commune", "proximite", "departement", "epci", "segment", "theme", "public", "frais",
    "inscription", "langue", "adaptation", "jour", "moment", "pmr", "ouvert", "seances", "distance"];

  function norm(s) {
    s = String(s || "").toLowerCase();
    if (/[^\x00-\x7f]/.test(s)) {
      s = s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
    }
    return s.replace(/[^a-z0-9]+/g, " ");
  }

  /* Heure de Paris : le numéro de minute dans la semaine (lundi 0 h = 0) et le jour par rapport à la date de l'index. */
  var PARIS = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit",
    day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  function maintenant(dateIndex) {
    var p = {};
    PARIS.formatToParts(new Date()).forEach(function (x) { p[x.type] = x.value; });
    var jour = Date.UTC(+p.year, +p.month - 1, +p.day);
    var base = Date.parse(dateIndex + "T00:00:00Z");
    var semaine = (new Date(jour).getUTCDay() + 6) % 7;
    return { jour: Math.round((jour - base) / 86400000), minute: semaine * 1440 + (+p.hour) * 60 + (+p.minute) };
  }

  var DATE_LONGUE = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" });
  function heure(minutes) {
    var h = Math.floor(minutes / 60) % 24, m = minutes % 60;
    return m ? h + " h " + (m < 10 ? "0" : "") + m : h + " h";
  }

  function Moteur(index) {
    var self = this;
    this.index = index;
    this.facettes = index.facettes;
    this.communes = index.communes.map(function (c) { return { code: c[0], nom: c[1], dep: c[2], epci: c[3] }; });
    this.depCodes = Object.keys(index.departements).sort();
    this.epciCodes = Object.keys(index.epci).sort(function (a, b) { return index.epci[a].localeCompare(index.epci[b], "fr"); });
    var depPos = {}, epciPos = {};
    this.depCodes.forEach(function (c, i) { depPos[c] = i; });
    this.epciCodes.forEach(function (c, i) { epciPos[c] = i; });
    this.communeParCode = {};
    this.communes.forEach(function (c) { self.communeParCode[c.code] = c; });
    // Chaque libellé répété (segment, thème, structure, commune) est normalisé une fois ; chaque offre reçoit une
    // chaîne de recherche calculée au chargement : une frappe ne fait plus que des indexOf.
    this.offresLues = 0;
    var nSeg = this.facettes.segment.map(function (x) { return norm(x[1]); });
    var nTheme = this.facettes.theme.map(function (x) { return norm(x[1]); });
    var nStruct = index.structures.map(norm);
    var nCommune = this.communes.map(function (c) { return norm(c.nom + " " + (index.epci[c.epci] || "")); });
    this.offres = index.offres.map(function (o) {
      var communes = [], dp = [], ep = [], parts = [norm(o.n + " " + o.r), nStruct[o.s], nSeg[o.g]];
      for (var i = 0; i < o.t.length; i++) parts.push(nTheme[o.t[i]]);
      for (i = 0; i < o.c.length; i++) {
        var c = self.communes[o.c[i]];
        if (communes.indexOf(c) >= 0) continue;
        communes.push(c);
        parts.push(nCommune[o.c[i]]);
        if (dp.indexOf(depPos[c.dep]) < 0) dp.push(depPos[c.dep]);
        if (c.epci && ep.indexOf(epciPos[c.epci]) < 0) ep.push(epciPos[c.epci]);
      }
      return { o: o, s: " " + parts.join(" ") + " ", communes: communes,
        dp: dp, ep: ep, anneau: 3, km: Infinity, pref: 1, rang: self.offresLues++ };
    });
    // L'index arrive trié par nom : c'est l'ordre sans commune, sans position ni thème préféré.
    this.ordre = this.offres;
    this.classement = "||";
  }

  /* Anneau de proximité autour de la commune de la personne : 0 commune, 1 intercommunalité, 2 département, 3 ailleurs. */
  Moteur.prototype.anneau = function (e, commune) {
    if (!commune) return 3;
    var best = e.o.c.length ? 3 : (e.o.z ? 2 : 3);
    for (var i = 0; i < e.communes.length; i++) {
      var c = e.communes[i];
      var r = c.code === commune.code ? 0 : (commune.epci && c.epci === commune.epci) ? 1 : c.dep === commune.dep ? 2 : 3;
      if (r < best) best = r;
    }
    return best;
  };

  /* L'ordre des offres ne change qu'avec la commune, la position ou le thème préféré : on le calcule alors, une fois,
     et chaque frappe parcourt les offres dans cet ordre, sans trier. */
  Moteur.prototype.ordonner = function (commune, position, prefere) {
    var cle = (commune ? commune.code : "") + "|" + (position ? position.lat + "," + position.lon : "") + "|" + (prefere || "");
    if (cle === this.classement) return;
    this.classement = cle;
    var self = this, theme = prefere ? this.position("theme", prefere) : -1;
    this.offres.forEach(function (e) {
      e.anneau = self.anneau(e, commune);
      e.km = position ? distanceMin(e.o.k, position) : Infinity;
      e.pref = theme >= 0 && e.o.t.indexOf(theme) >= 0 ? 0 : 1;
    });
    this.ordre = this.offres.slice().sort(function (a, b) {
      return (a.anneau - b.anneau) || (a.km - b.km) || (a.pref - b.pref) || ((a.o.x || 0) - (b.o.x || 0)) || (a.rang - b.rang);
    });
  };

  function distanceMin(points, p) {
    if (!points) return Infinity;
    var best = Infinity;
    for (var i = 0; i < points.length; i++) {
      var lat = points[i][0] / 1000, lon = points[i][1] / 1000;
      var x = (lon - p.lon) * Math.cos((lat + p.lat) * Math.PI / 360), y = lat - p.lat;
      var d = Math.sqrt(x * x + y * y) * 111.2;
      if (d < best) best = d;
    }
    return best;
  }

  Moteur.prototype.position = function (facette, code) {
    var list = this.facettes[facette];
    for (var i = 0; i < list.length; i++) if (list[i][0] === code) return i;
    return -1;
  };

  function bitsCreneau(jour, moment) {
    var m = 0;
    for (var d = 0; d < 7; d++) for (var k = 0; k < 3; k++)
      if ((jour < 0 || jour === d) && (moment < 0 || moment === k)) m += Math.pow(2, d * 3 + k);
    return m;
  }
  function has(mask, bits) {
    // Le masque tient sur 21 bits : les opérateurs binaires de JavaScript (32 bits) suffisent.
    return (mask & bits) !== 0;
  }
  function anyOf(values, wanted) {
    for (var i = 0; i < values.length; i++) if (wanted[values[i]]) return true;
    return false;
  }

  /* Un état (celui de l'URL) → les offres retenues, dans l'ordre, et le nombre d'offres par valeur de chaque filtre
     quand on change ce seul filtre (les autres restant appliqués). */
  Moteur.prototype.chercher = function (etat, commune, position) {
    var self = this, idx = this.index;
    this.ordonner(commune, position, etat.prefere);
    var mots = norm(etat.q).split(" ").filter(Boolean);
    var now = maintenant(idx.date);
    var filtres = [], comptes = {};
    function ajoute(nom, test, compte) { filtres.push({ nom: nom, test: test, compte: compte }); }
    function ensemble(param, facette) {
      var wanted = {}, n = 0;
      (etat[param] || []).forEach(function (code) {
        var i = facette ? self.position(facette, code) : param === "departement" ? self.depCodes.indexOf(code) : self.epciCodes.indexOf(code);
        if (i >= 0) { wanted[i] = true; n++; }
      });
      return n ? wanted : null;
    }
    var listes = { segment: ["segment", function (o) { return [o.g]; }], theme: ["theme", function (o) { return o.t; }],
      public: ["public", function (o) { return o.p; }], frais: ["frais", function (o) { return o.f === undefined ? [] : [o.f]; }],
      langue: ["langue", function (o) { return o.l; }], adaptation: ["adaptation", function (o) { return o.e || []; }] };
    Object.keys(listes).forEach(function (param) {
      var facette = listes[param][0], valeurs = listes[param][1];
      var n = self.facettes[facette].length, c = comptes[param] = new Int32Array(n);
      var wanted = ensemble(param, facette);
      ajoute(param, wanted ? function (e) { return anyOf(valeurs(e.o), wanted); } : null,
        function (e) { var v = valeurs(e.o); for (var i = 0; i < v.length; i++) c[v[i]]++; });
    });
    [["departement", "dp", this.depCodes.length], ["epci", "ep", this.epciCodes.length]].forEach(function (x) {
      var c = comptes[x[0]] = new Int32Array(x[2]), wanted = ensemble(x[0], null), key = x[1];
      ajoute(x[0], wanted ? function (e) { return anyOf(e[key], wanted); } : null,
        function (e) { var v = e[key]; for (var i = 0; i < v.length; i++) c[v[i]]++; });
    });
    var cIns = comptes.inscription = new Int32Array(2);
    ajoute("inscription", etat.inscription ? function (e) { return (e.o.i ? "oui" : "non") === etat.inscription; } : null,
      function (e) { cIns[e.o.i ? 0 : 1]++; });
    var jour = idx.jours.indexOf(etat.jour), moment = idx.moments.indexOf(etat.moment);
    var cJour = comptes.jour = new Int32Array(7), cMoment = comptes.moment = new Int32Array(3);
    var joursBits = [], momentsBits = [];
    for (var d = 0; d < 7; d++) joursBits.push(bitsCreneau(d, moment));
    for (var k = 0; k < 3; k++) momentsBits.push(bitsCreneau(jour, k));
    var creneau = bitsCreneau(jour, moment);
    // Jour et moment forment un seul filtre (samedi + soir = samedi soir) ; chacun se compte avec l'autre appliqué.
    ajoute("creneau", jour >= 0 || moment >= 0 ? function (e) { return has(e.o.m, creneau); } : null, function (e) {
      for (var d = 0; d < 7; d++) if (has(e.o.m, joursBits[d])) cJour[d]++;
      for (var k = 0; k < 3; k++) if (has(e.o.m, momentsBits[k])) cMoment[k]++;
    });
    var drapeaux = {
      pmr: function (e) { return !!e.o.a; },
      distance: function (e) { return !!e.o.z; },
      ouvert: function (e) { return !e.o.x && ouvertA(e.o.h, now.minute); },
      seances: function (e) { return !e.o.x && seanceDans(e.o.d, now.jour, 30); }
    };
    Object.keys(drapeaux).forEach(function (param) {
      var c = comptes[param] = new Int32Array(1), test = drapeaux[param];
      ajoute(param, etat[param] ? test : null, function (e) { if (test(e)) c[0]++; });
    });
    var limite = commune ? PROXIMITES.indexOf(etat.proximite) : -1;
    var cProx = comptes.proximite = new Int32Array(3);
    ajoute("proximite", limite >= 0 ? function (e) { return e.anneau <= limite || !!e.o.z; } : null, function (e) {
      for (var r = 0; r < 3; r++) if (e.anneau <= r || e.o.z) cProx[r]++;
    });
    var actifs = filtres.filter(function (f) { return f.test; });
    var resultats = [], total = 0, parAnneau = [0, 0, 0, 0];
    // Taper un caractère de plus ne peut que restreindre : on repart alors des offres trouvées à la frappe précédente.
    var texte = mots.join(" "), prec = this.texte;
    var ordre = prec && prec.cle === this.classement && texte.indexOf(prec.q) === 0 && prec.q ? prec.offres : this.ordre;
    var trouvees = mots.length ? [] : this.ordre;
    for (var i = 0; i < ordre.length; i++) {
      var e = ordre[i], ok = true;
      for (var w = 0; w < mots.length; w++) if (e.s.indexOf(mots[w]) < 0) { ok = false; break; }
      if (!ok) continue;
      if (mots.length) trouvees.push(e);
      var rate = null, nRates = 0;
      for (var f = 0; f < actifs.length; f++) {
        if (!actifs[f].test(e)) { nRates++; rate = actifs[f]; if (nRates > 1) break; }
      }
      if (nRates === 0) {
        resultats.push(e); total++; parAnneau[e.anneau]++;
        for (f = 0; f < filtres.length; f++) filtres[f].compte(e);
      } else if (nRates === 1) {
        rate.compte(e);
      }
    }
    this.texte = { q: texte, cle: this.classement, offres: trouvees };
    return { offres: resultats, comptes: comptes, parAnneau: parAnneau, maintenant: now };
  };

  function ouvertA(h, minute) {
    if (!h) return false;
    for (var i = 0; i < h.length; i++) if (h[i][0] <= minute && minute < h[i][1]) return true;
    return false;
  }
  function seanceDans(d, jour, n) {
    if (!d) return false;
    for (var i = 0; i < d.length; i++) if (d[i][0] >= jour && d[i][0] <= jour + n) return true;
    return false;
  }

  /* « Ouvert maintenant », sinon la prochaine séance, sinon la prochaine ouverture de la semaine type. */
  Moteur.prototype.prochaine = function (o, now) {
    if (o.x) return "Offre suspendue pour le moment";
    var base = Date.parse(this.index.date + "T00:00:00Z");
    if (o.d) for (var i = 0; i < o.d.length; i++) {
      if (o.d[i][0] >= now.jour) {
        var jourSeance = new Date(base + o.d[i][0] * 86400000);
        var annee = jourSeance.getUTCFullYear() !== new Date(base).getUTCFullYear() ? " " + jourSeance.getUTCFullYear() : "";
        return "Prochaine séance : " + DATE_LONGUE.format(jourSeance) + annee + " à " + heure(o.d[i][1]);
      }
    }
    if (o.h && o.h.length) {
      for (i = 0; i < o.h.length; i++) if (o.h[i][0] <= now.minute && now.minute < o.h[i][1]) {
        return "Ouvert maintenant, jusqu'à " + heure(o.h[i][1] % 1440);
      }
      var next = null;
      for (i = 0; i < o.h.length; i++) if (o.h[i][0] > now.minute) { next = o.h[i][0]; break; }
      var semaineSuivante = next === null;
      if (semaineSuivante) next = o.h[0][0];
      var jour = this.index.jours[Math.floor(next / 1440)];
      return "Prochaine ouverture : " + jour + (semaineSuivante ? " prochain" : "") + " à " + heure(next % 1440);
    }
    return o.z ? "À distance, sur rendez-vous" : "Pas de date annoncée : contactez la structure";
  };

  var ANNEAUX = ["Dans la commune", "Dans l'intercommunalité", "Dans le département", "Plus loin"];

  /* Une offre en élément de liste, construit nœud par nœud. */
  Moteur.prototype.element = function (e, base, now, commune) {
    var o = e.o, idx = this.index;
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = base + "/offres/" + o.u + "/";
    var strong = document.createElement("strong");
    strong.textContent = o.n;
    a.appendChild(strong);
    li.appendChild(a);
    var seg = document.createElement("span");
    seg.className = "annuaire-etiquette";
    seg.textContent = this.facettes.segment[o.g][1];
    li.appendChild(document.createTextNode(" "));
    li.appendChild(seg);
    var lieux = e.communes.map(function (c) { return c.nom; });
    if (o.z) lieux.push("à distance");
    var infos = [idx.structures[o.s], lieux.join(", ")];
    if (commune) infos.push(o.c.length ? ANNEAUX[e.anneau] : "À distance");
    if (e.km < Infinity) infos.push("à " + e.km.toFixed(1).replace(".", ",") + " km");
    var p1 = document.createElement("span");
    p1.className = "annuaire-discret annuaire-ligne";
    p1.textContent = infos.filter(Boolean).join(" · ");
    li.appendChild(p1);
    var p2 = document.createElement("span");
    p2.className = "annuaire-quand annuaire-ligne";
    p2.textContent = this.prochaine(o, now);
    li.appendChild(p2);
    var p3 = document.createElement("span");
    p3.className = "annuaire-ligne";
    p3.textContent = o.r;
    li.appendChild(p3);
    return li;
  };

  /* Les communes de la personne : celles des lieux (dans l'index), et les autres des mêmes départements, chargées à la demande. */
  function Communes(moteur, url) {
    this.moteur = moteur;
    this.url = url;
    this.liste = null;
    this.promesse = null;
  }
  Communes.prototype.charger = function () {
    var self = this;
    if (!this.promesse) {
      this.promesse = fetch(this.url).then(function (r) { return r.json(); }).then(function (rows) {
        self.liste = rows.map(function (c) { return { code: c[0], nom: c[1], dep: c[2], epci: c[3], cp: c[4], n: norm(c[1]).trim() }; });
        return self.liste;
      });
    }
    return this.promesse;
  };
  Communes.prototype.trouver = function (code) {
    var connue = this.moteur.communeParCode[code];
    if (connue) return Promise.resolve(connue);
    return this.charger().then(function (liste) {
      for (var i = 0; i < liste.length; i++) if (liste[i].code === code) return liste[i];
      return null;
    });
  };
  Communes.prototype.libelle = function (c) { return c.nom + " (" + c.code + ")"; };
  /* Le champ commune : liste de suggestions remplie à la frappe, choix reconnu à la fin de la saisie. */
  Communes.prototype.brancher = function (input, datalist, choisir) {
    var self = this;
    var aide = document.getElementById(input.getAttribute("aria-describedby"));
    var aideNormale = aide ? aide.textContent : "";
    var choix = choisir;
    // Un nom ou un code postal qui ne donne pas une seule commune : on le dit à côté du champ, sans rien effacer.
    choisir = function (c, message) {
      input.setAttribute("aria-invalid", message ? "true" : "false");
      if (aide) aide.textContent = message || aideNormale;
      choix(c, message);
    };
    function suggerer() {
      var v = norm(input.value).trim();
      if (v.length < 2 || !self.liste) return;
      var found = [];
      for (var i = 0; i < self.liste.length && found.length < 20; i++) {
        var c = self.liste[i];
        if (c.n.indexOf(v) === 0 || c.cp.indexOf(v) === 0) found.push(c);
      }
      datalist.textContent = "";
      found.forEach(function (c) {
        var opt = document.createElement("option");
        opt.value = self.libelle(c);
        if (c.cp) opt.label = c.cp;
        datalist.appendChild(opt);
      });
    }
    function lire() {
      var v = input.value.trim();
      if (!v) { choisir(null, ""); return; }
      var m = /\(([0-9][0-9AB][0-9]{3})\)\s*$/.exec(v) || /^([0-9][0-9AB][0-9]{3})$/.exec(v);
      self.charger().then(function (liste) {
        var code = m && m[1], nv = norm(v).trim(), c = null;
        for (var i = 0; i < liste.length && !c; i++) {
          var x = liste[i];
          if (x.code === code || (!m && x.n === nv)) c = x;
        }
        var memeCp = code && !c ? liste.filter(function (x) { return x.cp === code; }) : [];
        if (memeCp.length === 1) c = memeCp[0];
        if (c) input.value = self.libelle(c);
        if (memeCp.length > 1) suggerer();
        choisir(c, c ? "" : memeCp.length > 1 ? "Plusieurs communes ont ce code postal : choisissez-la dans la liste proposée."
          : "Commune inconnue : tapez son nom ou son code postal, puis choisissez-la dans la liste.");
      });
    }
    input.addEventListener("focus", function () { self.charger(); });
    input.addEventListener("input", function () {
      if (self.liste) suggerer(); else self.charger().then(suggerer);
    });
    input.addEventListener("change", lire);
    input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); lire(); } });
  };

  function etatDepuisUrl(search) {
    var params = new URLSearchParams(search), etat = {};
    ORDRE_URL.forEach(function (k) {
      var v = params.get(k);
      if (v === null || v === "") return;
      etat[k] = MULTI.indexOf(k) >= 0 ? v.split(",").filter(Boolean) : v;
    });
    return etat;
  }
  function urlDepuisEtat(etat) {
    var parts = [];
    ORDRE_URL.forEach(function (k) {
      var v = etat[k];
      if (v === undefined || v === null || v === "" || (Array.isArray(v) && !v.length)) return;
      parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(Array.isArray(v) ? v.join(",") : v).replace(/%2C/g, ","));
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  function charger(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error("index introuvable");
      return r.json();
    }).then(function (index) { return new Moteur(index); });
  }

  window.AnnuaireRecherche = { charger: charger, Communes: Communes, etatDepuisUrl: etatDepuisUrl,
    urlDepuisEtat: urlDepuisEtat, norm: norm, PAGE: PAGE };

  /* --- La page /recherche/ --------------------------------------------------------------------------------- */
  var racine = document.getElementById("annuaire-recherche");
  if (!racine) return;
  var form = racine.querySelector("form");
  var base = racine.getAttribute("data-base").replace(/\/$/, "");
  var compte = document.getElementById("rcompte");
  var liste = document.getElementById("rresultats");
  var plus = document.getElementById("rplus");
  var etat = etatDepuisUrl(location.search);
  var commune = null, position = null, affichees = PAGE, moteur = null, dernier = null, comptesEnAttente = null;
  window.annuaireMesures = [];

  charger(racine.getAttribute("data-index")).then(function (m) {
    moteur = m;
    var communes = new Communes(m, racine.getAttribute("data-communes"));
    remplirSelects();
    // Les filtres sont repliés sur téléphone, et dès qu'un lien partagé porte une recherche : les
    // résultats d'abord. Ils restent ouverts quand le lien en fixe déjà, et sur grand écran à vide.
    var filtreDansUrl = ORDRE_URL.some(function (k) { return etat[k] && ["q", "commune", "proximite"].indexOf(k) < 0; });
    var grandEcranVide = window.matchMedia("(min-width: 60em)").matches && !etat.q && !etat.commune;
    document.getElementById("raffiner").open = filtreDansUrl || grandEcranVide;
    racine.querySelector(".annuaire-sans-js").hidden = true;
    form.hidden = false;
    document.getElementById("rq").value = etat.q || "";
    ["pmr", "ouvert", "seances", "distance"].forEach(function (k) { document.getElementById("r" + k).checked = !!etat[k]; });
    communes.brancher(document.getElementById("rcommune"), document.getElementById("rcommune-liste"), function (c, message) {
      commune = c;
      etat.commune = c ? c.code : undefined;
      mettreAJour(true);
    });
    var pret = etat.commune ? communes.trouver(etat.commune).then(function (c) {
      commune = c;
      if (c) document.getElementById("rcommune").value = communes.libelle(c);
    }) : Promise.resolve();
    pret.then(function () { mettreAJour(true); });
  }).catch(function () {
    compte.textContent = "La recherche n'a pas pu se charger : utilisez les listes ci-dessus.";
  });

  var SELECTS = {
    departement: function () { return moteur.depCodes.map(function (c) { return [c, moteur.index.departements[c] + " (" + c + ")"]; }); },
    epci: function () { return moteur.epciCodes.map(function (c) { return [c, moteur.index.epci[c]]; }); },
    segment: "segment", theme: "theme", public: "public", frais: "frais", langue: "langue", adaptation: "adaptation",
    inscription: function () { return [["oui", "Avec inscription"], ["non", "Sans inscription"]]; },
    jour: function () { return moteur.index.jours.map(function (j) { return [j, j.charAt(0).toUpperCase() + j.slice(1)]; }); },
    moment: function () { return [["matin", "Le matin"], ["apres-midi", "L'après-midi"], ["soir", "Le soir (après 18 h)"]]; },
    proximite: function () { return [["commune", "Dans la commune"], ["epci", "Dans l'intercommunalité"], ["departement", "Dans le département"]]; }
  };
  var TOUS = { proximite: "Partout (les plus proches d'abord)" };

  function remplirSelects() {
    racine.querySelectorAll("select[data-param]").forEach(function (sel) {
      var param = sel.getAttribute("data-param"), src = SELECTS[param];
      var valeurs = typeof src === "string" ? moteur.facettes[src] : src();
      sel.textContent = "";
      var tous = document.createElement("option");
      tous.value = "";
      tous.textContent = TOUS[param] || "Tous";
      sel.appendChild(tous);
      valeurs.forEach(function (v) {
        var opt = document.createElement("option");
        opt.value = v[0];
        opt.setAttribute("data-label", v[1]);
        opt.textContent = v[1];
        sel.appendChild(opt);
      });
      var courant = etat[param];
      if (Array.isArray(courant) && courant.length > 1) {
        // Un lien de l'assistant peut demander plusieurs valeurs (atelier ou formation) : une option les réunit.
        var multi = document.createElement("option");
        multi.value = courant.join(",");
        multi.textContent = courant.map(function (c) {
          var o = sel.querySelector("option[value='" + CSS.escape(c) + "']");
          return o ? o.getAttribute("data-label") : c;
        }).join(" ou ");
        sel.appendChild(multi);
      }
      sel.value = Array.isArray(courant) ? courant.join(",") : (courant || "");
      sel.addEventListener("change", function () {
        etat[param] = MULTI.indexOf(param) >= 0 ? sel.value.split(",").filter(Boolean) : sel.value;
        mettreAJour(true);
      });
    });
  }

  function majComptes(r) {
    racine.querySelectorAll("select[data-param]").forEach(function (sel) {
      var param = sel.getAttribute("data-param"), c = r.comptes[param];
      if (!c) return;
      var opts = sel.options;
      for (var i = 1; i < opts.length; i++) {
        var label = opts[i].getAttribute("data-label");
        if (!label) continue;
        var n = param === "proximite" && !commune ? "" : " (" + c[i - 1] + ")";
        var texte = label + n;
        if (opts[i].textContent !== texte) opts[i].textContent = texte;
      }
    });
    ["pmr", "ouvert", "seances", "distance"].forEach(function (k) {
      var span = racine.querySelector("[data-compte='" + k + "']");
      var t = "(" + r.comptes[k][0] + ")";
      if (span.textContent !== t) span.textContent = t;
    });
    document.getElementById("rproximite").disabled = !commune;
    var n = 0;
    racine.querySelectorAll("#raffiner [data-param]").forEach(function (el) { if (el.type === "checkbox" ? el.checked : el.value) n++; });
    document.getElementById("ractifs").textContent = n ? "(" + n + " filtre" + (n > 1 ? "s" : "") + " choisi" + (n > 1 ? "s" : "") + ")" : "";
  }

  function pluriel(n, mot) { return n + " " + mot + (n > 1 ? "s" : ""); }

  function rendre(r, differer) {
    var now = r.maintenant;
    liste.textContent = "";
    var frag = document.createDocumentFragment();
    var n = Math.min(affichees, r.offres.length);
    for (var i = 0; i < n; i++) frag.appendChild(moteur.element(r.offres[i], base, now, commune));
    liste.appendChild(frag);
    plus.hidden = r.offres.length <= affichees;
    var t;
    if (!r.offres.length) t = "Aucune offre ne correspond. Retirez un filtre ou changez les mots.";
    else {
      t = pluriel(r.offres.length, "offre") + " " + (r.offres.length > 1 ? "trouvées" : "trouvée");
      if (commune) {
        var a = r.parAnneau;
        t += " : " + a[0] + " à " + commune.nom + ", " + a[1] + " dans l'intercommunalité, " + a[2] + " dans le département"
          + (a[3] ? ", " + a[3] + " plus loin" : "");
      }
      t += r.offres.length > n ? ". " + n + " affichées." : ".";
    }
    compte.textContent = t;
    clearTimeout(comptesEnAttente);
    // Pendant la frappe, la liste passe d'abord ; les nombres des filtres suivent juste après, sans retarder la frappe.
    if (differer) comptesEnAttente = setTimeout(function () { majComptes(r); }, 0);
    else majComptes(r);
  }

  function mettreAJour(remettre, evenement) {
    if (!moteur) return;
    if (remettre) affichees = PAGE;
    var t0 = evenement ? evenement.timeStamp : performance.now();
    dernier = moteur.chercher(etat, commune, position);
    rendre(dernier, !!evenement);
    history.replaceState(null, "", location.pathname + urlDepuisEtat(etat) + location.hash);
    // Repère pour le banc de mesure : durée de la frappe (événement) jusqu'à la liste construite.
    window.annuaireMesures.push(performance.now() - t0);
    if (window.annuairePremierRendu === undefined) window.annuairePremierRendu = performance.now();
    document.documentElement.setAttribute("data-recherche-rendus", String(window.annuaireMesures.length));
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  document.getElementById("rq").addEventListener("input", function (ev) {
    etat.q = ev.target.value;
    mettreAJour(true, ev);
  });
  ["pmr", "ouvert", "seances", "distance"].forEach(function (k) {
    document.getElementById("r" + k).addEventListener("change", function (ev) {
      etat[k] = ev.target.checked ? "1" : undefined;
      mettreAJour(true);
    });
  });
  plus.addEventListener("click", function () {
    affichees += PAGE;
    rendre(dernier);
    var items = liste.querySelectorAll("li");
    var premier = items[affichees - PAGE];
    if (premier) { premier.querySelector("a").focus(); }
  });
  document.getElementById("reffacer").addEventListener("click", function () {
    etat = {};
    commune = null;
    position = null;
    form.reset();
    racine.querySelectorAll("select[data-param]").forEach(function (s) { s.value = ""; });
    document.getElementById("rposition-etat").textContent = "Votre position reste dans le navigateur : elle n'est envoyée nulle part.";
    mettreAJour(true);
    document.getElementById("rq").focus();
  });
  document.getElementById("rposition").addEventListener("click", function () {
    var info = document.getElementById("rposition-etat");
    if (!navigator.geolocation) { info.textContent = "Votre navigateur ne donne pas de position."; return; }
    info.textContent = "Recherche de votre position…";
    navigator.geolocation.getCurrentPosition(function (p) {
      position = { lat: p.coords.latitude, lon: p.coords.longitude };
      info.textContent = "Offres classées par distance depuis votre position (à vol d'oiseau).";
      mettreAJour(true);
    }, function () {
      info.textContent = "Position non disponible : choisissez plutôt une commune.";
    }, { maximumAge: 600000, timeout: 15000 });
  });
})();
