"""Reading and checking the assistant's rules (`regles.yml`): every problem is a diagnostic of the
catalogue with the file's line, never an exception; the result is the rules with every code checked
and every answer written out (answers taken from a referential, time slots as masks)."""
from __future__ import annotations

from pathlib import Path

from .. import referentials
from ..diagnostics import Report
from ..load import Document, load_file
from . import url_state

ANSWER_KEYS = {"code", "texte", "dit", "publics", "niveau", "themes", "prefere", "creneaux", "proximite", "langue", "pmr",
               "adaptation"}
QUESTION_KEYS = {"id", "texte", "aide", "choix", "liste", "si", "reponses", "reponses_du_referentiel", "codes", "chaque"}
RULE_KEYS = {"id", "si", "segments", "puis", "themes", "raison"}
# Answer key -> referential its codes belong to (a list of codes, or one code).
CODED = {"publics": "publics", "themes": "thematiques", "prefere": "thematiques", "niveau": "niveaux", "langue": "langues",
         "adaptation": "prises-en-charge"}
QUOTE_HINT = "Mettez le texte entre guillemets s'il contient une virgule ou deux-points : texte: \"Non, ou très peu\"."


def slot_mask(creneaux) -> int:
    """Bits (day × 3 + moment) of the slots, the layout of the search index's `m` (search_index._slot_mask)."""
    mask = 0
    moments = [m[0] for m in url_state.MOMENTS]
    for slot in creneaux:
        days = [url_state.DAYS.index(d) for d in slot.get("jours") or url_state.DAYS]
        for d in days:
            for m in slot.get("moments") or moments:
                mask |= 1 << (d * 3 + moments.index(m))
    return mask


class _Checker:
    def __init__(self, doc: Document, report: Report):
        self.doc, self.report, self.file = doc, report, doc.path

    def emit(self, file, path, code, /, **params):
        """Like Report.emit (same arguments, so that the catalogue's check sees the codes), with the path of a
        value in the file instead of its position; positional-only: « code » is also a message parameter."""
        self.report.emit(file, self.doc.pos(path), code, **params)

    def form(self, path, quoi, conseil="Comparez avec les autres entrées du fichier."):
        self.emit(self.file, path, "regles-forme", quoi=quoi, conseil=conseil)

    def code(self, path, referential, value) -> bool:
        if not isinstance(value, str) or value not in referentials.get(referential):
            self.emit(self.file, path, "regles-code", code=value, referentiel=referential)
            return False
        return True

    def answer(self, path, raw: dict) -> dict | None:
        if not isinstance(raw, dict):
            self.form(path, "une réponse doit être un groupe « code, texte, dit… »")
            return None
        unknown = sorted(set(raw) - ANSWER_KEYS, key=str)
        if unknown or not all(isinstance(raw.get(k), str) and raw.get(k) for k in ("code", "texte", "dit")):
            what = f"champ inconnu « {unknown[0]} »" if unknown else "il manque « code », « texte » ou « dit »"
            self.form(path, f"réponse mal écrite : {what}", QUOTE_HINT)
            return None
        out = {k: raw[k] for k in ("code", "texte", "dit")}
        for key, ref in CODED.items():
            if key not in raw:
                continue
            values = raw[key] if isinstance(raw[key], list) else [raw[key]]
            if all(self.code(path + (key, i) if isinstance(raw[key], list) else path + (key,), ref, v) for i, v in enumerate(values)):
                out[key] = raw[key]
        if "niveau" in out:
            out["niveau"] = referentials.get("niveaux")[out["niveau"]].get("x-rang")
        if "proximite" in raw:
            problem = url_state.check("proximite", str(raw["proximite"]), lambda r: ())
            if problem:
                self.emit(self.file, path + ("proximite",), "regles-recherche", probleme=problem)
            else:
                out["proximite"] = raw["proximite"]
        if "creneaux" in raw:
            mask = self.slots(path + ("creneaux",), raw["creneaux"])
            if mask:
                out["masque"] = mask
        if raw.get("pmr") is True:
            out["pmr"] = True
        return out

    def slots(self, path, creneaux) -> int:
        if not isinstance(creneaux, list) or not all(isinstance(s, dict) and set(s) <= {"jours", "moments"} for s in creneaux):
            self.form(path, "« creneaux » est une liste de groupes « jours, moments »")
            return 0
        ok = True
        for i, slot in enumerate(creneaux):
            for key, name, allowed in (("jours", "jour", url_state.DAYS), ("moments", "moment", [m[0] for m in url_state.MOMENTS])):
                for j, v in enumerate(slot.get(key) or ()):
                    if v not in allowed:
                        self.emit(self.file, path + (i, key, j), "regles-recherche", probleme=f"valeur inconnue {name}={v}")
                        ok = False
        return slot_mask(creneaux) if ok else 0

    def expand(self, path, q: dict) -> list:
        """Answers written in the file, or taken from a referential with the « chaque » model."""
        if "reponses_du_referentiel" not in q:
            return [(path + ("reponses", i), r) for i, r in enumerate(q.get("reponses") or [])]
        name = q["reponses_du_referentiel"]
        if name not in referentials.names():
            self.form(path + ("reponses_du_referentiel",), f"référentiel inconnu « {name} »",
                      "Nom d'un fichier de schema/referentiels/, sans .json.")
            return []
        ref, model = referentials.get(name), q.get("chaque") or {}
        out = []
        for i, code in enumerate(q.get("codes") or ref.codes):
            if not self.code(path + ("codes", i), name, code):
                continue
            label = ref.label(code)
            fill = {"code": code, "libelle": label, "libelle_min": label[:1].lower() + label[1:]}
            answer = {"code": code, "texte": label}
            answer.update({k: v.format(**fill) if isinstance(v, str) else v for k, v in model.items()})
            out.append((path + ("codes", i), answer))
        return out


def _conditions(checker: _Checker, path, raw, questions: dict) -> dict | None:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        checker.form(path, "« si » associe des questions à une réponse ou à une liste de réponses")
        return None
    out = {}
    for qid, value in raw.items():
        values = value if isinstance(value, list) else [value]
        if qid not in questions:
            checker.emit(checker.file, path + (qid,), "regles-reponse", quoi=f"question inconnue « {qid} »",
                         conseil=f"Questions : {', '.join(questions)}.")
            return None
        bad = [v for v in values if v not in questions[qid]]
        if bad or not values:
            checker.emit(checker.file, path + (qid,), "regles-reponse", quoi=f"réponse inconnue {qid}={bad[0] if bad else '(vide)'}",
                         conseil=f"Réponses possibles : {', '.join(questions[qid])}.")
            return None
        out[qid] = [str(v) for v in values]
    return out


def _used_before(checker: _Checker, lines: dict, path, quoi: str, ident: str, line: int) -> bool:
    """Whether `ident` was already met (reported at `path`, naming its first line); else remembers `line`."""
    if ident in lines:
        checker.emit(checker.file, path, "regles-doublon", quoi=quoi, id=ident, ligne=lines[ident])
        return True
    lines[ident] = line
    return False


def check(path: Path, report: Report) -> dict:
    """The rules file read and checked; problems go to `report` with their line."""
    doc = load_file(str(path), report)
    if not doc.ok:
        return {"questions": [], "regles": []}
    c = _Checker(doc, report)
    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(data.get("questions"), list) or not isinstance(data.get("regles"), list):
        c.form((), "le fichier doit avoir une liste « questions » et une liste « regles »")
        return {"questions": [], "regles": []}
    questions, answers_of, seen = [], {}, {}
    for i, q in enumerate(data["questions"]):
        qp = ("questions", i)
        if not isinstance(q, dict) or not isinstance(q.get("id"), str) or not isinstance(q.get("texte"), str) \
                or set(q) - QUESTION_KEYS or q.get("choix", "un") not in ("un", "plusieurs"):
            c.form(qp, "question mal écrite : « id » et « texte » sont obligatoires, « choix » vaut un ou plusieurs",
                   f"Champs possibles : {', '.join(sorted(QUESTION_KEYS))}.")
            continue
        if _used_before(c, seen, qp + ("id",), "question", q["id"], doc.pos(qp + ("id",))[0]):
            continue
        answers, codes = [], {}
        for ap, raw in c.expand(qp, q):
            a = c.answer(ap, raw)
            if a is None:
                continue
            if _used_before(c, codes, ap, f"réponse de « {q['id']} »", a["code"], doc.pos(ap)[0]):
                continue
            answers.append(a)
        out = {"id": q["id"], "texte": q["texte"], "choix": q.get("choix", "un"), "liste": bool(q.get("liste")),
               "reponses": answers}
        if q.get("aide"):
            out["aide"] = q["aide"]
        questions.append((qp, q, out))
        answers_of[q["id"]] = [a["code"] for a in answers]
    for qp, q, out in questions:
        cond = _conditions(c, qp + ("si",), q.get("si"), answers_of)
        if cond:
            out["si"] = cond
    rules, rule_lines = [], {}
    segments = referentials.get("segments")
    for i, r in enumerate(data["regles"]):
        rp = ("regles", i)
        if not isinstance(r, dict) or set(r) - RULE_KEYS or not isinstance(r.get("id"), str) \
                or not isinstance(r.get("raison"), str) or not isinstance(r.get("segments"), list) or not r["segments"]:
            c.form(rp, "règle mal écrite : « id », « segments » (au moins un) et « raison » sont obligatoires",
                   f"Champs possibles : {', '.join(sorted(RULE_KEYS))}.")
            continue
        if _used_before(c, rule_lines, rp + ("id",), "règle", r["id"], doc.pos(rp)[0]):
            continue
        cond = _conditions(c, rp + ("si",), r.get("si"), answers_of)
        ok = cond is not None
        for key in ("segments", "puis"):
            for j, code in enumerate(r.get(key) or []):
                ok = c.code(rp + (key, j), "segments", code) and ok
        for j, code in enumerate(r.get("themes") or []):
            ok = c.code(rp + ("themes", j), "thematiques", code) and ok
        if ok:
            rule = {"id": r["id"], "si": cond, "segments": list(r["segments"]), "puis": list(r.get("puis") or []),
                    "raison": " ".join(r["raison"].split())}
            if r.get("themes"):
                rule["themes"] = list(r["themes"])
            rules.append((rp, rule))
    result = {"questions": [q for _, _, q in questions], "regles": [r for _, r in rules]}
    _check_rules(c, result, rules, segments)
    return result


def _implies(later: dict, earlier: dict) -> bool:
    """Every person `later` applies to is also covered by `earlier`."""
    return all(q in later and set(later[q]) <= set(values) for q, values in earlier.items())


def _check_rules(c: _Checker, result: dict, rules: list, segments) -> None:
    if not rules:
        c.form(("regles",), "aucune règle valide", "Écrivez au moins une règle « si: {} » qui s'applique à tous.")
        return
    if rules[-1][1]["si"]:
        c.emit(c.file, rules[-1][0], "regles-defaut", id=rules[-1][1]["id"])
    for k, (rp, rule) in enumerate(rules):
        for ep, earlier in rules[:k]:
            if _implies(rule["si"], earlier["si"]):
                c.emit(c.file, rp, "regles-masquee", id=rule["id"], avant=earlier["id"], ligne=c.doc.pos(ep)[0])
                break
    # A reason may only state what its conditions ask: the « dit » of any other answer is refused.
    for rp, rule in rules:
        text = rule["raison"].casefold()
        for q in result["questions"]:
            for a in q["reponses"]:
                if a["code"] in rule["si"].get(q["id"], ()):
                    continue
                if a["dit"].casefold() in text:
                    c.emit(c.file, rp + ("raison",), "regles-affirme", id=rule["id"], dit=a["dit"], question=f"{q['id']}={a['code']}")
    reached = {s for _, r in rules for s in r["segments"]}
    for code in segments.codes:
        if code not in reached:
            c.emit(c.file, ("regles",), "regles-couverture", quoi=f"le type d'offre « {segments.label(code)} » n'est conseillé par aucune règle",
                   conseil=f"Ajoutez « {code} » aux segments d'une règle.")
    needs = next((q for q in result["questions"] if q["id"] == "besoin"), None)
    for a in needs["reponses"] if needs else ():
        if not any(a["code"] in r["si"].get("besoin", ()) for _, r in rules):
            c.emit(c.file, ("regles",), "regles-couverture", quoi=f"le besoin « {a['texte']} » n'a aucune règle",
                   conseil=f"Ajoutez une règle « si: {{besoin: {a['code']}}} ».")
