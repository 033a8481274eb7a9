/* Distances between points, and how they are said. */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in km, the same formula as generator.geography.distance_km. */
export function haversine(lat1, lon1, lat2, lon2) {
  const p1 = lat1 * RAD, p2 = lat2 * RAD, dp = p2 - p1, dl = (lon2 - lon1) * RAD;
  const h = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** « à 3,4 km » under 10 km, « à 12 km » beyond. */
export function distanceText(km) {
  return "à " + (km < 10 ? km.toFixed(1).replace(".", ",") : String(Math.round(km))) + " km";
}
