/* "Ouvert maintenant / ferme à 12 h": an enhancement only, the weekly table says it all without it.
   data-creneaux holds open intervals "start-end" in epoch seconds, computed at build time. */
(function () {
  "use strict";
  var hour = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "numeric", minute: "2-digit" });
  var day = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", weekday: "long" });
  var date = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });
  function heure(t) {
    var parts = {};
    hour.formatToParts(new Date(t * 1000)).forEach(function (p) { parts[p.type] = p.value; });
    var h = String(Number(parts.hour)), m = parts.minute;
    return m === "00" ? h + " h" : h + " h " + m;
  }
  function quand(t, now) {
    var d = new Date(t * 1000);
    if (date.format(d) === date.format(new Date(now * 1000))) return "aujourd'hui à " + heure(t);
    return day.format(d) + " à " + heure(t);
  }
  function update(el) {
    var now = Date.now() / 1000;
    var slots = el.getAttribute("data-creneaux").split(" ").filter(Boolean).map(function (s) {
      return s.split("-").map(Number);
    });
    if (!slots.length || now > slots[slots.length - 1][1]) { el.hidden = true; return; }
    for (var i = 0; i < slots.length; i++) {
      if (slots[i][0] <= now && now < slots[i][1]) {
        el.textContent = "Ouvert maintenant · ferme à " + heure(slots[i][1]);
        el.setAttribute("data-etat", "ouvert");
        el.hidden = false;
        return;
      }
      if (slots[i][0] > now) {
        el.textContent = "Fermé en ce moment · ouvre " + quand(slots[i][0], now);
        el.setAttribute("data-etat", "ferme");
        el.hidden = false;
        return;
      }
    }
    el.hidden = true;
  }
  function all() { document.querySelectorAll("[data-creneaux]").forEach(update); }
  all();
  setInterval(all, 60000);
})();

/* Fiche d'orientation: the print button only exists with JavaScript (the browser's menu prints without it). */
(function () {
  "use strict";
  document.querySelectorAll("[data-imprimer]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
})();
