"""The diff as a pull-request comment (French Markdown) or as JSON."""
from __future__ import annotations

import json

from ..site.french import plural
from .diff import KIND_WORDS, DirectoryDiff, Item
from .values import code, md_text

MARKER = "<!-- annuaire-diff -->"  # lets the workflow find and update its one comment
MAX_CHARS = 60000  # GitHub refuses comments over 65,536 characters

_VERB = {"ajout": ("ajoutée", "ajouté", "ajoutées", "ajoutés"), "suppression": ("supprimée", "supprimé", "supprimées", "supprimés"),
         "renommage": ("renommée", "renommé", "renommées", "renommés"),
         "modification": ("modifiée", "modifié", "modifiées", "modifiés"),
         "invalide": ("invalide", "invalide", "invalides", "invalides")}


def _words(kind: str, status: str, n: int) -> str:
    singular, plural_form, feminine = KIND_WORDS[kind]
    forms = _VERB[status]
    verb = forms[0 if feminine else 1] if n <= 1 else forms[2 if feminine else 3]
    return f"{n} {singular if n <= 1 else plural_form} {verb}"


def summary_line(diff: DirectoryDiff) -> str:
    parts = [_words(kind, status, n) for kind in KIND_WORDS for status in _VERB
             if (n := diff.count(kind, status))]
    return ", ".join(parts) + "." if parts else "aucun changement pour les lecteurs de l'annuaire."


def _item_lines(item: Item) -> list[str]:
    singular = KIND_WORDS[item.kind][0].capitalize()
    fem = KIND_WORDS[item.kind][2]
    name = f"**{md_text(item.name)}** ({code(item.uid)})"
    extra = f" — {md_text(item.summary)}" if item.summary else ""
    if item.status == "ajout":
        return [f"- {singular} {'ajoutée' if fem else 'ajouté'} : {name}{extra}"]
    if item.status == "suppression":
        return [f"- {singular} {'supprimée' if fem else 'supprimé'} : {name}{extra}"]
    if item.status == "renommage":
        return [f"- {singular} {'renommée' if fem else 'renommé'} : {name}, identifiant {code(item.old_uid)} → {code(item.uid)} "
                "(contenu inchangé ; les anciens liens vers sa page ne marcheront plus)"]
    if item.status == "invalide":
        return [f"- {singular} {name} : le fichier {code(item.file)} est invalide dans la version proposée, "
                "comparaison impossible (voir les erreurs ci-dessus)"]
    lines = [f"- {singular} {'modifiée' if fem else 'modifié'} : {name}"]
    for change in item.changes:
        lines.append(f"  - {change.text}")
        if change.detail:
            fence = "~" * 3
            while fence in change.detail:
                fence += "~"
            lines += ["", "    <details><summary>Nouveau texte</summary>", "", f"    {fence}text"]
            lines += [f"    {line}" for line in change.detail.splitlines()]
            lines += [f"    {fence}", "", "    </details>", ""]
    return lines


def _errors(label: str, diags) -> list[str]:
    if not diags:
        return []
    out = [f"> **Attention : la version {md_text(label)} contient {plural(len(diags), 'erreur')}** ; ce qui est dans ces "
           "fichiers n'est pas comparé.", ">"]
    for d in diags[:10]:
        out.append(f"> - {code(f'{d.file}:{d.line}:{d.column}')} {md_text(d.message)}")
    if len(diags) > 10:
        out.append(f"> - … et {len(diags) - 10} autre(s) (voir la vérification des fichiers).")
    return out + [""]


def markdown(diff: DirectoryDiff, max_chars: int = MAX_CHARS) -> str:
    head = [MARKER, "## Ce que ce changement fait à l'annuaire", "",
            f"Comparaison de {code(diff.base)} à {code(diff.head)} : {summary_line(diff)}", ""]
    head += _errors(diff.base, diff.base_errors) + _errors(diff.head, diff.head_errors)
    body: list[str] = []
    current = None
    for item in diff.items:
        if item.structure != current:
            current = item.structure
            name = diff.structure_names.get(current, current)
            body += ["", f"### {md_text(name)} ({code(current)})", ""]
        body += _item_lines(item)
    text = "\n".join(head + body).rstrip() + "\n"
    if len(text) <= max_chars:
        return text
    kept, size = [], len("\n".join(head)) + 200
    for line in body:
        if size + len(line) + 1 > max_chars:
            break
        kept.append(line)
        size += len(line) + 1
    cut = len(body) - len(kept)
    return "\n".join(head + kept).rstrip() + (f"\n\n… {cut} ligne(s) de plus : lancez « annuaire diff » en local pour tout voir.\n")


def as_json(diff: DirectoryDiff) -> str:
    def change(c):
        return {"field": c.field, "text": c.text, "before": c.before, "after": c.after}

    data = {
        "base": diff.base, "head": diff.head, "summary": summary_line(diff),
        "counts": {kind: {status: diff.count(kind, status) for status in _VERB} for kind in KIND_WORDS},
        "errors": {"base": [d.__dict__ for d in diff.base_errors], "head": [d.__dict__ for d in diff.head_errors]},
        "items": [{"kind": i.kind, "uid": i.uid, "old_uid": i.old_uid, "name": i.name, "status": i.status,
                   "structure": i.structure, "file": i.file, "summary": i.summary, "changes": [change(c) for c in i.changes]}
                  for i in diff.items],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
