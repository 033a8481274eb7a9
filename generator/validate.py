"""Schema validation plus the rules that span several values or files; reports everything."""
from __future__ import annotations

import datetime as dt

from . import geography, referentials, schedule, schemas
from .diagnostics import Report
from .load import Document
from .model import venue_uid
from .schema_errors import report_errors

STALE_WARNING_DAYS = 183
STALE_DAYS = 365
# Metropolitan France and overseas territories, generous boxes (lat_min, lon_min, lat_max, lon_max).
FRANCE_BOXES = [(41.2, -5.5, 51.2, 9.8), (15.8, -61.9, 16.6, -60.9), (14.3, -61.3, 14.95, -60.75), (2.0, -54.7, 5.9, -51.5),
                (-21.5, 55.1, -20.8, 55.9), (-13.1, 44.9, -12.5, 45.4), (46.7, -56.5, 47.2, -56.0), (17.8, -63.2, 18.2, -62.7),
                (-23.0, 163.5, -19.5, 168.2), (-28.0, -155.0, -7.0, -134.0), (-14.5, -178.5, -13.1, -176.0)]


def check_schema(doc: Document, kind: str, report: Report) -> bool:
    """Fast check first; detailed messages only for the (rare) invalid documents."""
    if schemas.fast(kind).is_valid(doc.data):
        return True
    report_errors(doc, kind, report)
    return False


def _date(value):
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def check_hours(doc: Document, path: tuple, value, report: Report) -> None:
    if not isinstance(value, str):
        return
    problem = schedule.syntax_error(value)
    if problem:
        report.error(doc.path, doc.pos(path), "horaires",
                     f"horaires illisibles « {value} » ({problem})",
                     "Format OpenStreetMap : « Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off » "
                     "(jours Mo Tu We Th Fr Sa Su, heures sur 24 h avec deux chiffres).")


def check_date_maj(doc: Document, value, today: dt.date, report: Report) -> None:
    d = _date(value)
    if d is None:
        return
    pos = doc.pos(("date_maj",))
    age = (today - d).days
    if age < -1:
        report.error(doc.path, pos, "date-future", f"date de vérification dans le futur ({value})",
                     "Indiquez la date du jour où vous avez vérifié ces informations.")
    elif age > STALE_DAYS:
        report.warning(doc.path, pos, "perime", f"informations périmées : vérifiées il y a plus d'un an ({value})",
                       "Vérifiez chaque information avec la structure, puis mettez date_maj à la date du jour.")
    elif age > STALE_WARNING_DAYS:
        report.warning(doc.path, pos, "a-verifier", f"informations vérifiées il y a plus de six mois ({value})",
                       "Relisez la fiche et mettez date_maj à la date du jour.")


def siret_ok(siret: str) -> bool:
    if siret.startswith("356000000"):  # La Poste: one SIREN, establishments checked by digit sum
        return sum(int(c) for c in siret) % 5 == 0
    total = 0
    for i, c in enumerate(reversed(siret)):
        n = int(c) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def check_structure(doc: Document, today: dt.date, report: Report) -> None:
    data = doc.data
    siret = data.get("siret")
    if isinstance(siret, str) and siret.isdigit() and len(siret) == 14 and not siret_ok(siret):
        report.error(doc.path, doc.pos(("siret",)), "siret", f"numéro SIRET invalide ({siret}) : la clé de contrôle ne correspond pas",
                     "Recopiez le SIRET depuis l'avis de situation SIRENE ou annuaire-entreprises.data.gouv.fr.")
    territoire = data.get("territoire", {})
    for i, code in enumerate(territoire.get("communes", [])):
        if geography.commune(code) is None:
            report.error(doc.path, doc.pos(("territoire", "communes", i)), "insee-inconnu", f"code INSEE inconnu : {code}",
                         "Le code INSEE (5 caractères) n'est pas le code postal ; cherchez-le sur le site de l'INSEE (code officiel géographique).")
    for i, code in enumerate(territoire.get("epci", [])):
        if geography.epci(code) is None:
            report.error(doc.path, doc.pos(("territoire", "epci", i)), "epci-inconnu", f"intercommunalité inconnue : SIREN {code}",
                         "Indiquez le SIREN à 9 chiffres de la communauté de communes ou d'agglomération.")
    seen: dict[str, int] = {}
    for i, partner in enumerate(data.get("partenaires", [])):
        pid = partner.get("id")
        if pid in seen:
            report.error(doc.path, doc.pos(("partenaires", i, "id")), "id-duplique",
                         f"identifiant de partenaire « {pid} » déjà utilisé (partenaire n° {seen[pid] + 1})",
                         "Chaque partenaire a un identifiant unique dans la structure.")
        seen.setdefault(pid, i)
    check_date_maj(doc, data.get("date_maj"), today, report)


def in_france(lat: float, lon: float) -> bool:
    return any(a <= lat <= c and b <= lon <= d for a, b, c, d in FRANCE_BOXES)


def check_lieux(doc: Document, report: Report) -> None:
    seen: dict[str, int] = {}
    for i, lieu in enumerate(doc.data.get("lieux", [])):
        lid = lieu["id"]
        if lid in seen:
            report.error(doc.path, doc.pos(("lieux", i, "id")), "id-duplique",
                         f"identifiant de lieu « {lid} » déjà utilisé (lieu n° {seen[lid] + 1})",
                         "Chaque lieu a un identifiant unique dans lieux.yml : renommez l'un des deux.")
        seen.setdefault(lid, i)
        base = ("lieux", i)
        commune = geography.commune(lieu["code_insee"])
        if commune is None:
            report.error(doc.path, doc.pos(base + ("code_insee",)), "insee-inconnu", f"code INSEE inconnu : {lieu['code_insee']}",
                         "Le code INSEE n'est pas le code postal : cherchez-le dans le code officiel géographique de l'INSEE.")
        else:
            if lieu["code_postal"] not in commune.codes_postaux:
                report.error(doc.path, doc.pos(base + ("code_postal",)), "code-postal",
                             f"le code postal {lieu['code_postal']} ne correspond pas à {commune.nom} (INSEE {commune.code})",
                             f"Codes postaux de {commune.nom} : {', '.join(commune.codes_postaux) or 'aucun'}.")
            if not geography.same_name(lieu["commune"], commune.nom):
                report.error(doc.path, doc.pos(base + ("commune",)), "commune",
                             f"la commune « {lieu['commune']} » ne correspond pas au code INSEE {commune.code} ({commune.nom})",
                             f"Écrivez « {commune.nom} » (nom officiel), ou corrigez le code INSEE.")
        coords = lieu["coordonnees"]
        lat, lon = coords["latitude"], coords["longitude"]
        if not in_france(lat, lon):
            hint = "Latitude et longitude semblent inversées." if in_france(lon, lat) else \
                "Relevez les coordonnées sur openstreetmap.org (clic droit → « Afficher l'adresse »)."
            report.error(doc.path, doc.pos(base + ("coordonnees",)), "coordonnees",
                         f"coordonnées hors de France ({lat}, {lon})", hint)
        elif commune is not None:
            box = geography.departement_box(commune.departement)
            if box and not (box[0] - 0.3 <= lat <= box[2] + 0.3 and box[1] - 0.3 <= lon <= box[3] + 0.3):
                report.error(doc.path, doc.pos(base + ("coordonnees",)), "coordonnees",
                             f"coordonnées loin du département {commune.departement} de {commune.nom} ({lat}, {lon})",
                             "Relevez les coordonnées sur openstreetmap.org.")
        check_hours(doc, base + ("horaires",), lieu.get("horaires"), report)


def check_offre(doc: Document, sid: str, structure: dict | None, venues: dict | None, today: dt.date, report: Report) -> None:
    """`venues` maps every venue uid ("structure/lieu") of the tree to its data; None when a
    lieux.yml could not be read, so that one broken file does not cascade into many errors."""
    data = doc.data
    seg = referentials.get("segments")[data["segment"]]
    expected = seg.get("x-configuration")
    if expected and data["configuration"] != expected:
        report.error(doc.path, doc.pos(("configuration",)), "configuration",
                     f"un segment « {seg.label} » est une offre {referentials.label('configurations', expected).lower()}",
                     f"Écrivez « configuration: {expected} ».")
    if not data.get("lieux") and not data.get("a_distance") and not data.get("itinerant"):
        report.error(doc.path, doc.pos(), "lieu-manquant", "l'offre ne dit pas où elle a lieu",
                     "Ajoutez « lieux: [identifiant] » (voir lieux.yml), ou « a_distance: true », ou « itinerant: true ».")
    for i, ref in enumerate(data.get("lieux", []) if venues is not None else []):
        if venue_uid(sid, ref) not in venues:
            local = sorted(u.split("/", 1)[1] for u in venues if u.startswith(sid + "/"))
            report.error(doc.path, doc.pos(("lieux", i)), "lieu-inconnu", f"lieu « {ref} » introuvable",
                         f"Lieux déclarés dans lieux.yml : {', '.join(local) or 'aucun'} ; pour le lieu d'une autre structure, écrivez « structure/lieu ».")
    partner_ids = {p["id"] for p in (structure or {}).get("partenaires", [])}
    refs = [(("partenaires", i), p) for i, p in enumerate(data.get("partenaires", []))]
    refs += [(("financeurs", i), p) for i, p in enumerate(data.get("financeurs", []))]
    refs += [(("orientation", i, "partenaire"), o["partenaire"]) for i, o in enumerate(data.get("orientation", []))]
    for path, pid in refs:
        if structure is not None and pid not in partner_ids:
            report.error(doc.path, doc.pos(path), "partenaire-inconnu", f"partenaire « {pid} » introuvable",
                         f"Déclarez-le dans structure.yml (partenaires: - id: {pid} …). Partenaires déclarés : {', '.join(sorted(partner_ids)) or 'aucun'}.")
    if data["configuration"] == "spontanee" and not data.get("horaires"):
        report.error(doc.path, doc.pos(), "horaires-manquants", "une offre spontanée doit donner ses horaires",
                     "Ajoutez « horaires: \"Tu,Th 14:00-17:00; PH off\" » (format OpenStreetMap).")
    if data["configuration"] == "programmee" and not data.get("sessions") and not data.get("recurrence"):
        report.warning(doc.path, doc.pos(), "sans-dates", "offre programmée sans dates ni récurrence",
                       "Ajoutez les sessions prévues (sessions) ou le rythme (recurrence), sinon les partenaires ne savent pas quand orienter.")
    check_hours(doc, ("horaires",), data.get("horaires"), report)
    rec = data.get("recurrence")
    if rec:
        check_hours(doc, ("recurrence", "horaires"), rec.get("horaires"), report)
        _check_period(doc, ("recurrence",), rec.get("du"), rec.get("au"), "du", "au", report)
    statut = data.get("statut")
    if statut:
        _check_period(doc, ("statut",), statut.get("du"), statut.get("au"), "du", "au", report)
    for i, session in enumerate(data.get("sessions", [])):
        _check_session(doc, i, session, sid, venues, report)
    check_date_maj(doc, data.get("date_maj"), today, report)


def _check_period(doc, base, start, end, kstart, kend, report) -> bool:
    a, b = _date(start), _date(end)
    if a and b and b < a:
        report.error(doc.path, doc.pos(base + (kend,)), "dates", f"la date de fin ({end}) est avant la date de début ({start})",
                     "Vérifiez l'année et l'ordre des dates (AAAA-MM-JJ).")
        return False
    return True


def _check_session(doc, i, session, sid, venues, report) -> None:
    base = ("sessions", i)
    coherent = _check_period(doc, base, session["debut"], session["fin"], "debut", "fin", report)
    start, end = _date(session["debut"]), _date(session["fin"])
    for key_path, ref in [(base + ("lieu",), session.get("lieu"))] + [
            (base + ("seances", j, "lieu"), s.get("lieu")) for j, s in enumerate(session.get("seances", []))]:
        if ref and venues is not None and venue_uid(sid, ref) not in venues:
            report.error(doc.path, doc.pos(key_path), "lieu-inconnu", f"lieu « {ref} » introuvable",
                         "Utilisez l'identifiant d'un lieu déclaré dans lieux.yml.")
    for j, seance in enumerate(session.get("seances", [])):
        sp = base + ("seances", j)
        day = _date(seance["date"])
        if coherent and day and start and end and not (start <= day <= end):
            report.error(doc.path, doc.pos(sp + ("date",)), "dates",
                         f"la séance du {seance['date']} est en dehors de la session ({session['debut']} → {session['fin']})",
                         "Corrigez la date de la séance ou les dates de début et de fin de la session.")
        if schedule.minutes(seance["fin"]) <= schedule.minutes(seance["debut"]):
            report.error(doc.path, doc.pos(sp + ("fin",)), "heures",
                         f"la séance du {seance['date']} finit ({seance['fin']}) avant de commencer ({seance['debut']})",
                         "Heures sur 24 h : 14:00 pour 2 h de l'après-midi.")
