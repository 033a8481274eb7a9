/* The page's state is its address: ?q=impots&commune=29151&proximite=20km. The parameter names,
   their order and allowed values come from the index (generator/orientation/url_state.py). */

export class UrlState {
  constructor(vocabulary) {
    this.order = vocabulary.ordre;
    this.multi = new Set(vocabulary.multi);
    this.values = vocabulary.valeurs;
    this.radii = vocabulary.rayons;
    this.rings = vocabulary.anneaux;
    this.flags = vocabulary.drapeaux;
  }

  /** A state from a query string; values the page does not know are dropped. */
  read(search) {
    const params = new URLSearchParams(search), state = {};
    this.order.forEach((k) => {
      const v = params.get(k);
      if (v === null || v === "") return;
      if (this.multi.has(k)) state[k] = v.split(",").filter(Boolean);
      else if (!this.values[k] || this.values[k].indexOf(v) >= 0) state[k] = v;
    });
    return state;
  }

  /** The query string of a state (empty string for the empty state), parameters in their fixed order. */
  write(state) {
    const parts = [];
    this.order.forEach((k) => {
      const v = state[k];
      if (v === undefined || v === null || v === "" || (Array.isArray(v) && !v.length)) return;
      parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(Array.isArray(v) ? v.join(",") : v).replace(/%2C/g, ","));
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  isMulti(k) { return this.multi.has(k); }

  /** The radius in km of a proximite value (« 20km » → 20), or null for a ring or nothing. */
  radius(proximite) {
    const m = /^(\d+)km$/.exec(proximite || "");
    return m ? Number(m[1]) : null;
  }
}
