/* Maps with Leaflet and marker clustering, both shipped with the site (assets/vendor/), loaded only when
   a map is shown. The tile server and its attribution come from mkdocs.yml (plugin options carte_*),
   read from the map container's data attributes. Without tiles the markers still show; without
   JavaScript the map stays hidden and the lists and addresses say everything. */

let loading = null;

function load(tag, attrs) {
  return new Promise((resolve, reject) => {
    const el = document.createElement(tag);
    Object.keys(attrs).forEach((k) => el.setAttribute(k, attrs[k]));
    el.onload = resolve;
    el.onerror = reject;
    document.head.appendChild(el);
  });
}

/** Leaflet and the clustering plugin, once per page. `vendor` is the URL of assets/vendor/ (with a slash). */
export function loadLeaflet(vendor) {
  if (!loading) {
    loading = Promise.all([
      load("link", { rel: "stylesheet", href: vendor + "leaflet/leaflet.css" }),
      load("link", { rel: "stylesheet", href: vendor + "leaflet.markercluster/MarkerCluster.css" }),
      load("link", { rel: "stylesheet", href: vendor + "leaflet.markercluster/MarkerCluster.Default.css" }),
      load("script", { src: vendor + "leaflet/leaflet.js" }).then(() => load("script", { src: vendor + "leaflet.markercluster/leaflet.markercluster.js" })),
    ]).then(() => window.L);
  }
  return loading;
}

function popup(p) {
  const div = document.createElement("div");
  const a = document.createElement("a");
  a.href = p.url;
  a.textContent = p.titre;
  div.appendChild(a);
  if (p.texte) {
    const span = document.createElement("div");
    span.textContent = p.texte;
    div.appendChild(span);
  }
  return div;
}

/** A map in `container`, filled with points [{lat, lon, titre, url, texte}]. */
export class PointsMap {
  constructor(container) {
    this.container = container;
    this.map = null;
    this.group = null;
  }

  async show(points) {
    const c = this.container, L = await loadLeaflet(c.getAttribute("data-vendor"));
    if (!this.map) {
      this.map = L.map(c, { scrollWheelZoom: false, attributionControl: false });
      const link = document.createElement("a");
      link.href = c.getAttribute("data-attribution-lien") || "";
      link.textContent = c.getAttribute("data-attribution") || "";
      L.control.attribution({ prefix: false }).addAttribution(link.outerHTML).addTo(this.map);
      L.tileLayer(c.getAttribute("data-tuiles"), { maxZoom: 19 }).addTo(this.map);
      this.group = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
      // One popup for the whole map, filled on click (or Enter on a focused marker): 20,000 markers
      // would otherwise make 20,000 popups.
      this.group.on("click", (ev) => {
        const p = ev.layer.options.point;
        if (p) L.popup({ offset: [0, -30] }).setLatLng(ev.layer.getLatLng()).setContent(popup(p)).openOn(this.map);
      });
      this.map.addLayer(this.group);
    }
    this.group.clearLayers();
    const markers = points.map((p) => L.marker([p.lat, p.lon], { title: p.titre, alt: p.titre, keyboard: true, point: p }));
    c.setAttribute("data-marqueurs", "0");
    return new Promise((resolve) => {
      this.group.addLayers(markers);
      // chunkedLoading adds the markers in slices: say when all are in, for the page and its tests.
      const done = () => {
        if (this.group.getLayers().length < markers.length) { setTimeout(done, 20); return; }
        if (markers.length) this.map.fitBounds(this.group.getBounds(), { padding: [20, 20], maxZoom: 15, animate: false });
        else this.map.setView([46.6, 2.4], 5, { animate: false });
        c.setAttribute("data-marqueurs", String(markers.length));
        resolve(markers.length);
      };
      done();
    });
  }
}

/** The maps of venue, structure and commune pages: points in the container's data-points (JSON). */
export function staticMaps() {
  document.querySelectorAll("[data-carte][data-points]").forEach((c) => {
    const points = JSON.parse(c.getAttribute("data-points"));
    if (!points.length) return;
    c.hidden = false;
    new PointsMap(c).show(points);
  });
}
