"""`annuaire build` and `annuaire serve`: mkdocs with our configuration, French messages on failure."""
from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("build", help="construire le site (dossier site/)")
    p.add_argument("--config", default="mkdocs.yml", help="fichier de configuration mkdocs")
    p.add_argument("--progression", choices=("auto", "oui", "non"), default="auto",
                   help="afficher l'avancement (défaut : sur un terminal seulement, jamais dans les journaux d'intégration continue)")
    p.set_defaults(run=build)
    p = sub.add_parser("serve", help="servir le site en local et le reconstruire à chaque modification")
    p.add_argument("--config", default="mkdocs.yml", help="fichier de configuration mkdocs")
    p.add_argument("--adresse", default="127.0.0.1:8000", help="adresse d'écoute (défaut : 127.0.0.1:8000)")
    p.add_argument("--structure", default=None, metavar="IDENTIFIANT",
                   help="ne servir qu'une structure (ses pages et tout ce vers quoi elles mènent) : plus rapide sur un gros annuaire")
    p.set_defaults(run=serve)


def _fail(message: str) -> int:
    print(f"erreur : {message}", file=sys.stderr)
    return 1


def _progress(choice: str):
    """On a terminal, progress rewrites one line; in CI (CI set, or output to a file) only if asked."""
    import os

    from ..site.progress import Progress

    if choice == "non" or (choice == "auto" and (os.environ.get("CI") or not sys.stderr.isatty())):
        return None
    return Progress(sys.stderr)


def build(args) -> int:
    from mkdocs.exceptions import Abort, ConfigurationError

    from ..site.build import DataError, build_with_config, load_config

    if not Path(args.config).is_file():
        return _fail(f"fichier de configuration introuvable : {args.config}")
    try:
        config = load_config(args.config)
        config.plugins["annuaire"].progress = _progress(args.progression)
        build_with_config(config)
    except DataError as exc:
        print(str(exc), file=sys.stderr)  # the validator's diagnostics, as `annuaire validate` prints them
        print("Le site n'a pas été construit : corrigez les erreurs ci-dessus (annuaire validate).", file=sys.stderr)
        return 1
    except (ConfigurationError, Abort) as exc:
        return _fail(f"construction impossible : {exc}")
    print(f"Site construit dans {config.site_dir}", file=sys.stderr)
    return 0


def serve(args) -> int:
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from ..preview.server import Preview

    if not Path(args.config).is_file():
        return _fail(f"fichier de configuration introuvable : {args.config}")
    if args.structure is not None:
        from ..directory import ID_RE

        if not ID_RE.fullmatch(args.structure):
            return _fail(f"identifiant de structure invalide : « {args.structure} »")
    preview = Preview(args.config, args.adresse, args.structure, say=lambda text: print(text, file=sys.stderr, flush=True))
    try:
        preview.full_build(_progress("auto"))
        if args.structure is not None and not preview.plugin.directory.structures:
            preview.close()
            return _fail(f"aucune structure « {args.structure} » dans {preview.plugin.config.offers}")
        print(f"Site servi sur {preview.serve_url} ; il se met à jour à chaque enregistrement (Ctrl+C pour arrêter).",
              file=sys.stderr, flush=True)
        preview.serve()
    except (PluginError, Abort):
        preview.close()
        # The first build failed; mkdocs has logged why (for invalid data: the validator's diagnostics).
        print("Le site n'a pas été servi : corrigez les erreurs ci-dessus (annuaire validate).", file=sys.stderr)
        return 1
    except ConfigurationError as exc:
        preview.close()
        return _fail(f"service impossible : {exc}")
    return 0
