/* The place field: an ARIA 1.2 combobox over every commune of France. Suggestions follow the typing;
   arrows move, Enter takes the highlighted suggestion (or the best reading of the text), Escape closes.
   A text that designates no commune, or several, is said as an error next to the field. */

let uid = 0;

export class CommunePicker {
  /** input: the text field; listbox: an empty <ul>; help: the element describing the field; onChoose(commune|null). */
  constructor(communes, input, listbox, help, onChoose) {
    this.communes = communes;
    this.input = input;
    this.listbox = listbox;
    this.help = help;
    this.helpText = help ? help.textContent : "";
    this.onChoose = onChoose;
    this.options = [];
    this.active = -1;
    this.chosen = null;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    listbox.setAttribute("role", "listbox");
    listbox.hidden = true;
    input.addEventListener("focus", () => { communes.load().catch(() => {}); });
    input.addEventListener("input", () => { communes.load().then(() => this.suggest()); });
    input.addEventListener("keydown", (ev) => this.key(ev));
    input.addEventListener("change", () => { if (!this.chosen || input.value !== communes.label(this.chosen)) this.read(); });
    input.addEventListener("blur", () => { setTimeout(() => this.close(), 150); });
    listbox.addEventListener("mousedown", (ev) => ev.preventDefault());
    listbox.addEventListener("click", (ev) => {
      const li = ev.target.closest("li[role=option]");
      if (li) this.choose(this.options[+li.getAttribute("data-i")].commune);
    });
  }

  /** Show a commune chosen elsewhere (from the URL), without announcing it. */
  show(c) {
    this.chosen = c;
    this.input.value = c ? this.communes.label(c) : "";
    this.say("");
  }

  say(message) {
    this.input.setAttribute("aria-invalid", message ? "true" : "false");
    if (!this.help) return;
    this.help.textContent = message || this.helpText;
    this.help.classList.toggle("annuaire-erreur", !!message);
  }

  suggest(list) {
    const v = this.input.value.trim();
    this.options = list || (v.length >= 2 ? this.communes.suggest(v, 8) : []);
    this.listbox.textContent = "";
    this.options.forEach((s, i) => {
      const li = document.createElement("li");
      li.id = this.listbox.id + "-" + (++uid);
      li.setAttribute("role", "option");
      li.setAttribute("data-i", String(i));
      li.setAttribute("aria-selected", "false");
      li.textContent = s.text;
      this.listbox.appendChild(li);
    });
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    const open = this.options.length > 0;
    this.listbox.hidden = !open;
    this.input.setAttribute("aria-expanded", open ? "true" : "false");
  }

  close() {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }

  move(delta) {
    if (!this.options.length) return;
    this.active = (this.active + delta + this.options.length) % this.options.length;
    Array.from(this.listbox.children).forEach((li, i) => li.setAttribute("aria-selected", i === this.active ? "true" : "false"));
    const li = this.listbox.children[this.active];
    this.input.setAttribute("aria-activedescendant", li.id);
    li.scrollIntoView({ block: "nearest" });
  }

  key(ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (this.listbox.hidden) this.communes.load().then(() => { this.suggest(); this.move(ev.key === "ArrowDown" ? 1 : -1); });
      else this.move(ev.key === "ArrowDown" ? 1 : -1);
    } else if (ev.key === "Escape") {
      this.close();
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (!this.listbox.hidden && this.active >= 0) this.choose(this.options[this.active].commune);
      else this.read();
    }
  }

  /** Enter or leaving the field: the best reading of the text. */
  read() {
    const v = this.input.value.trim();
    if (!v) { this.chosen = null; this.say(""); this.close(); this.onChoose(null); return; }
    this.communes.load().then(() => {
      const r = this.communes.resolve(v);
      if (r.commune) { this.choose(r.commune); return; }
      if (r.choices) {
        this.suggest(r.choices);
        this.say(r.postcode ? "Plusieurs communes ont le code postal " + r.postcode + " : choisissez la vôtre dans la liste."
          : "Plusieurs communes portent ce nom : choisissez la vôtre dans la liste.");
        return;
      }
      this.close();
      this.say("Commune inconnue : tapez son nom, son code postal ou son code INSEE, puis choisissez-la dans la liste.");
    }).catch(() => this.say("La liste des communes n'a pas pu se charger."));
  }

  choose(c) {
    this.chosen = c;
    this.input.value = this.communes.label(c);
    this.close();
    this.say("");
    this.onChoose(c);
  }
}
