/* Times of an offer as the index gives them (minutes of the reference week, séances as days after the
   index date) turned into what a person reads: « Ouvert maintenant », « Prochaine séance : … », and the
   slot that satisfies a day or moment filter (« samedi 9 h 30 – 12 h 30 »). */

const PARIS = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit",
  day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const LONG_DATE = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" });
const MOMENT_MINUTES = [[0, 720], [720, 1080], [1080, 1440]];

/** Now in Paris: days after the index date, and minute of the week (Monday 0 h = 0). */
export function parisNow(indexDate) {
  const p = {};
  PARIS.formatToParts(new Date()).forEach((x) => { p[x.type] = x.value; });
  const day = Date.UTC(+p.year, +p.month - 1, +p.day);
  const base = Date.parse(indexDate + "T00:00:00Z");
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return { day: Math.round((day - base) / 86400000), minute: weekday * 1440 + (+p.hour) * 60 + (+p.minute) };
}

export function hourText(minutes) {
  const h = Math.floor(minutes / 60) % 24, m = minutes % 60;
  return m ? h + " h " + (m < 10 ? "0" : "") + m : h + " h";
}

export function openAt(h, minute) {
  if (!h) return false;
  for (let i = 0; i < h.length; i++) if (h[i][0] <= minute && minute < h[i][1]) return true;
  return false;
}

export function seanceWithin(d, day, n) {
  if (!d) return false;
  for (let i = 0; i < d.length; i++) if (d[i][0] >= day && d[i][0] <= day + n) return true;
  return false;
}

export class Schedule {
  constructor(index) {
    this.base = Date.parse(index.date + "T00:00:00Z");
    this.days = index.jours;
  }

  seanceDate(d) {
    const date = new Date(this.base + d * 86400000);
    const year = date.getUTCFullYear() !== new Date(this.base).getUTCFullYear() ? " " + date.getUTCFullYear() : "";
    return LONG_DATE.format(date) + year;
  }

  /** « Ouvert maintenant », else the next séance, else the next opening of the usual week. */
  next(o, now) {
    if (o.x) return o.x === 2 ? "Offre prévue : elle n'a pas encore commencé" : "Offre suspendue pour le moment";
    if (o.d) for (let i = 0; i < o.d.length; i++) {
      if (o.d[i][0] >= now.day) return "Prochaine séance : " + this.seanceDate(o.d[i][0]) + " à " + hourText(o.d[i][1]);
    }
    if (o.h && o.h.length) {
      for (let i = 0; i < o.h.length; i++) if (o.h[i][0] <= now.minute && now.minute < o.h[i][1]) {
        return "Ouvert maintenant, jusqu'à " + hourText(o.h[i][1] % 1440);
      }
      let next = null;
      for (let i = 0; i < o.h.length; i++) if (o.h[i][0] > now.minute) { next = o.h[i][0]; break; }
      const nextWeek = next === null;
      if (nextWeek) next = o.h[0][0];
      return "Prochaine ouverture : " + this.days[Math.floor(next / 1440)] + (nextWeek ? " prochain" : "") + " à " + hourText(next % 1440);
    }
    return o.z ? "À distance, sur rendez-vous" : "Pas de date annoncée : contactez la structure";
  }

  /** The opening or séance that satisfies a day (0 = lundi) and/or moment (0 matin … 2 soir) filter, or "". */
  slot(o, day, moment, now) {
    if (day < 0 && moment < 0) return "";
    const lo = moment >= 0 ? MOMENT_MINUTES[moment][0] : 0, hi = moment >= 0 ? MOMENT_MINUTES[moment][1] : 1440;
    const fits = (d, a, b) => (day < 0 || d === day) && a < hi && b > lo;
    if (o.h) for (let i = 0; i < o.h.length; i++) {
      const d = Math.floor(o.h[i][0] / 1440), a = o.h[i][0] - d * 1440, b = Math.min(o.h[i][1] - d * 1440, 1440);
      if (fits(d, a, b)) return this.days[d] + " " + hourText(a) + " – " + hourText(b);
    }
    if (o.d) for (let i = 0; i < o.d.length; i++) {
      const date = new Date(this.base + o.d[i][0] * 86400000), d = (date.getUTCDay() + 6) % 7;
      if (o.d[i][0] >= now.day && fits(d, o.d[i][1], o.d[i][2])) {
        return "séance le " + this.seanceDate(o.d[i][0]) + ", " + hourText(o.d[i][1]) + " – " + hourText(o.d[i][2]);
      }
    }
    return "";
  }
}
