"""Every diagnostic the validator can give: code, severity, what it means, French message and hint.

Messages and hints are `str.format` templates filled by the rule that reports them; a rule may
replace the hint with a more precise one (a suggestion, the values allowed here). The field
reference page of the site lists this catalogue, so a volunteer can look a code up.
"""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Code:
    code: str
    severity: str
    title: str  # what the finding means, for the list of codes
    message: str
    hint: str = ""



CODES = (
    # --- files and folders ---------------------------------------------------------------------------
    Code("dossier-absent", ERROR, "Le dossier des offres n'existe pas.", "dossier introuvable : {dossier}",
         "Indiquez le dossier des offres (par défaut : offers/)."),
    Code("fichier-mal-place", ERROR, "Un fichier YAML est rangé ailleurs que prévu.", "{quoi}", "{conseil}"),
    Code("fichier-manquant", ERROR, "Il manque structure.yml ou lieux.yml à une structure.",
         "{nom}.yml manquant pour la structure « {structure} »", "Créez-le en partant de l'exemple de « annuaire new »."),
    Code("id-invalide", ERROR, "Un nom de dossier ou de fichier n'est pas un identifiant.", "nom de {quoi} invalide : « {nom} »",
         "Un identifiant s'écrit en minuscules sans accent, avec des chiffres et des tirets (ex. « atelier-impots »)."),
    Code("extension", ERROR, "Un fichier d'offre finit par .yaml : il serait ignoré.",
         "extension « .yaml » : le fichier serait ignoré", "Renommez-le en « {nom}.yml »."),
    Code("lien-symbolique", ERROR, "Un lien symbolique dans offers/ : il pourrait publier un fichier d'ailleurs.",
         "lien symbolique refusé : « {nom} »{cible}",
         "Remplacez le lien par le fichier lui-même (une copie) : l'annuaire ne suit aucun lien."),
    Code("fichier-illisible", ERROR, "Le fichier ne peut pas être lu.", "fichier illisible : {raison}", "Vérifiez les droits du fichier."),
    Code("fichier-trop-gros", ERROR, "Le fichier dépasse la taille permise.", "fichier trop volumineux (plus de {kio} Kio)",
         "Un fichier YAML de l'annuaire fait quelques Kio : découpez-le (une offre par fichier)."),
    Code("fichier-vide", ERROR, "Le fichier ne contient rien.", "le fichier est vide",
         "Partez d'un exemple : « annuaire new » crée des fichiers commentés."),
    Code("encodage", ERROR, "Le fichier n'est pas un texte UTF-8.", "{quoi}", "{conseil}"),
    # --- YAML ----------------------------------------------------------------------------------------
    Code("yaml-syntaxe", ERROR, "Le texte n'est pas du YAML valide (indentation, deux-points, guillemets…).", "{message}", "{conseil}"),
    Code("yaml-alias", ERROR, "Alias YAML (*nom) : interdit.", "alias YAML (*) interdit",
         "Écrivez la valeur en entier au lieu de la référencer avec « * » ; mettez-la entre guillemets si elle commence par « * »."),
    Code("yaml-ancre", ERROR, "Ancre YAML (&nom) : interdite.", "ancre YAML (&) interdite",
         "Retirez « &nom » ; mettez la valeur entre guillemets si elle commence par « & »."),
    Code("yaml-profondeur", ERROR, "Trop de niveaux imbriqués.", "imbrication trop profonde (plus de {niveaux} niveaux)",
         "Un fichier d'offre n'a besoin que de quelques niveaux."),
    Code("yaml-etiquette", ERROR, "Étiquette YAML (!…) : interdite.", "étiquette YAML « {etiquette} » interdite",
         "Retirez l'étiquette (le mot qui commence par « ! »)."),
    Code("yaml-cle", ERROR, "Un nom de champ n'est pas un mot simple.", "clé de champ invalide",
         "Un nom de champ est un mot simple suivi de « : » (pas de « << », de liste ni d'objet)."),
    Code("nombre-illisible", ERROR, "Un nombre trop long ou trop grand pour être lu.",
         "nombre illisible « {debut} » (plus de {chiffres} chiffres, ou trop grand)",
         "Si c'est un texte, mettez-le entre guillemets ; sinon écrivez un nombre plus court."),
    Code("cle-dupliquee", ERROR, "Le même champ est écrit deux fois.", "le champ « {champ} » apparaît deux fois (déjà ligne {ligne})",
         "Gardez un seul exemplaire de ce champ et supprimez l'autre."),
    # --- schema --------------------------------------------------------------------------------------
    Code("champ-manquant", ERROR, "Un champ obligatoire manque.", "champ obligatoire « {champ} » manquant{ou}", "{conseil}"),
    Code("champ-inconnu", ERROR, "Un champ n'existe pas (souvent une faute de frappe).", "champ inconnu « {champ} »{ou}", "{conseil}"),
    Code("valeur-inconnue", ERROR, "La valeur n'est pas dans le référentiel.",
         "« {valeur} » n'est pas une valeur autorisée pour {ou}{titre}", "{conseil}"),
    Code("type", ERROR, "La valeur n'a pas le bon type (texte, nombre, liste…).", "{ou} doit être {attendu}", "{conseil}"),
    Code("schema-pattern", ERROR, "La valeur n'a pas le format attendu.", "« {valeur} » n'a pas le format attendu pour {ou} ({titre})", "{conseil}"),
    Code("schema-format", ERROR, "La date n'existe pas ou est mal écrite.", "« {valeur} » n'est pas une date valide pour {ou}", "{conseil}"),
    Code("schema-minLength", ERROR, "Le texte est trop court.", "{ou} est trop court (au moins {limite} caractères)", "{conseil}"),
    Code("schema-maxLength", ERROR, "Le texte est trop long.", "{ou} est trop long (au plus {limite} caractères)", "{conseil}"),
    Code("schema-minItems", ERROR, "La liste n'a pas assez d'éléments.", "{ou} doit contenir au moins {limite} élément(s)", "{conseil}"),
    Code("schema-maxItems", ERROR, "La liste a trop d'éléments.", "{ou} contient trop d'éléments (au plus {limite})", "{conseil}"),
    Code("schema-uniqueItems", ERROR, "Une liste contient deux fois la même valeur.", "{ou} contient un doublon", "Retirez la valeur répétée."),
    Code("schema-minimum", ERROR, "Le nombre est trop petit.", "{ou} doit valoir au moins {limite}", "{conseil}"),
    Code("schema-maximum", ERROR, "Le nombre est trop grand.", "{ou} doit valoir au plus {limite}", "{conseil}"),
    Code("schema-exclusiveMinimum", ERROR, "Le nombre doit être strictement plus grand.", "{ou} doit être supérieur à {limite}", "{conseil}"),
    Code("schema-minProperties", ERROR, "Un groupe de champs est vide.", "{ou} ne doit pas être vide", "{conseil}"),
    Code("schema-inexplique", ERROR, "Le document est refusé par le schéma sans que l'on sache dire où.",
         "le fichier ne respecte pas le schéma {schema}",
         "Comparez-le avec un fichier valide de la même sorte ; signalez ce message à l'équipe de l'annuaire."),
    Code("valeur-a-completer", ERROR, "Une valeur d'exemple n'a pas été remplacée.", "{ou} : valeur à compléter (« {valeur} »)", "{conseil}"),
    Code("schema-autre", ERROR, "La valeur ne respecte pas le schéma.", "{ou} : valeur non conforme ({detail})", "{conseil}"),
    # --- identity and references ---------------------------------------------------------------------
    Code("id-duplique", ERROR, "Deux éléments ont le même identifiant.", "identifiant de {quoi} « {id} » déjà utilisé ({quoi} n° {numero})",
         "{conseil}"),
    Code("lieu-inconnu", ERROR, "Une offre cite un lieu qui n'existe pas.", "lieu « {lieu} » introuvable", "{conseil}"),
    Code("partenaire-inconnu", ERROR, "Une offre cite un partenaire absent de structure.yml.", "partenaire « {partenaire} » introuvable",
         "Déclarez-le dans structure.yml (partenaires: - id: {partenaire} …). Partenaires déclarés : {declares}."),
    Code("caractere-interdit", ERROR, "Un caractère invisible ou de contrôle dans un texte.",
         "caractère invisible interdit ({point}) dans {ou}",
         "Supprimez-le : retapez le texte autour, ou collez-le d'abord dans un éditeur de texte simple."),
    Code("texte-bidi", WARNING, "Un caractère qui change le sens d'écriture : le texte peut s'afficher autrement qu'il est écrit.",
         "caractère de contrôle du sens d'écriture ({point}) dans {ou}",
         "Supprimez-le, sauf si vous écrivez volontairement un texte en arabe ou en hébreu."),
    Code("nom-trompeur", WARNING, "Un mot mêle des alphabets différents (lettres qui se ressemblent).",
         "le mot « {mot} » de {ou} mêle des lettres {alphabets}",
         "Retapez le mot au clavier : une lettre copiée d'ailleurs ressemble à une lettre latine sans en être une."),
    Code("siret", ERROR, "Le numéro SIRET est faux (clé de contrôle).",
         "numéro SIRET invalide ({siret}) : la clé de contrôle ne correspond pas",
         "Recopiez le SIRET depuis l'avis de situation SIRENE ou annuaire-entreprises.data.gouv.fr."),
    # --- places --------------------------------------------------------------------------------------
    Code("insee-inconnu", ERROR, "Le code INSEE n'existe pas.", "code INSEE inconnu : {code}", "{conseil}"),
    Code("epci-inconnu", ERROR, "L'intercommunalité n'existe pas.", "intercommunalité inconnue : SIREN {code}",
         "Indiquez le SIREN à 9 chiffres de la communauté de communes ou d'agglomération."),
    Code("code-postal", ERROR, "Le code postal n'est pas celui de la commune.",
         "le code postal {code_postal} ne correspond pas à {commune} (INSEE {code})", "Codes postaux de {commune} : {codes}."),
    Code("commune", ERROR, "Le nom de la commune ne correspond pas au code INSEE.",
         "la commune « {nom} » ne correspond pas au code INSEE {code} ({officiel})",
         "Écrivez « {officiel} » (nom officiel), ou corrigez le code INSEE."),
    Code("coordonnees", ERROR, "Les coordonnées ne tombent pas au bon endroit.", "{quoi} ({latitude}, {longitude})", "{conseil}"),
    Code("coordonnees-eloignees", WARNING, "Le lieu est à plus de 20 km du centre de sa commune.",
         "coordonnées à {distance} km du centre de {commune} ({latitude}, {longitude})", "{conseil}"),
    # --- offers --------------------------------------------------------------------------------------
    Code("configuration", ERROR, "La configuration ne va pas avec le segment.", "un segment « {segment} » est une offre {attendue}",
         "Écrivez « configuration: {code} »."),
    Code("lieu-manquant", ERROR, "L'offre ne dit pas où elle a lieu.", "l'offre ne dit pas où elle a lieu",
         "Ajoutez « lieux: [identifiant] » (voir lieux.yml), ou « a_distance: true », ou « itinerant: true »."),
    Code("horaires-manquants", ERROR, "Une offre spontanée (accès libre, permanence) sans horaires.",
         "une offre spontanée doit donner ses horaires",
         "Ajoutez « horaires: \"Tu,Th 14:00-17:00; PH off\" » (format OpenStreetMap)."),
    Code("sans-dates", WARNING, "Une offre programmée sans dates ni rythme.", "offre programmée sans dates ni récurrence",
         "Ajoutez les sessions prévues (sessions) ou le rythme (recurrence), sinon les partenaires ne savent pas quand orienter."),
    Code("horaires", ERROR, "Les horaires ne sont pas au format OpenStreetMap.", "horaires illisibles « {valeur} » ({probleme})",
         "Format OpenStreetMap : « Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off » "
         "(jours Mo Tu We Th Fr Sa Su, heures sur 24 h avec deux chiffres)."),
    Code("dates", ERROR, "Des dates dans le désordre ou hors de leur session.", "{quoi}", "{conseil}"),
    Code("heures", ERROR, "Une séance finit avant de commencer.", "la séance du {date} finit ({fin}) avant de commencer ({debut})",
         "Heures sur 24 h : 14:00 pour 2 h de l'après-midi."),
    # --- imported files (the importer's marks: docs/import.md) ------------------------------------------
    Code("a-completer", WARNING, "Un champ que la source importée ne donnait pas, à renseigner.",
         "à compléter : « {titre} » ({champ}), absent de la source importée", "{conseil}"),
    Code("a-completer-fait", WARNING, "Un champ renseigné encore listé dans a_completer.",
         "« {champ} » est renseigné mais encore listé dans a_completer", "Retirez « {champ} » de la liste a_completer."),
    Code("valeur-deduite", WARNING, "Une valeur déduite à l'import, à relire (tant qu'elle est listée, les exports ne la publient pas).",
         "à vérifier : {champ} = {valeur}, valeur déduite à l'import",
         "Relisez cette valeur (corrigez-la au besoin), puis retirez « {champ} » de la liste a_verifier : "
         "tant qu'elle y est, les exports nationaux ne la publient pas."),
    Code("liste-import", WARNING, "Une entrée de a_completer ou a_verifier qui ne désigne rien.",
         "« {champ} » est listé dans {liste} mais {raison}", "Retirez-le de la liste {liste}."),
    Code("coordonnees-approchees", WARNING, "Le point du lieu n'est que le centre de sa commune.",
         "coordonnées approchées : {centre}, pas le lieu lui-même",
         "Relevez le point exact sur openstreetmap.org (clic droit → « Afficher l'adresse »), puis retirez « approchees: true »."),
    # --- hours per venue, pauses, limits, planned offers, activity figures -----------------------------
    Code("horaires-lieu-inconnu", ERROR, "Des horaires par lieu citent un lieu qui n'est pas celui de l'offre.",
         "« {lieu} » n'est pas un lieu de l'offre", "Lieux de l'offre : {lieux}. Ajoutez ce lieu à « lieux », ou corrigez l'identifiant."),
    Code("horaires-lieu-double", ERROR, "Un lieu a deux entrées dans les horaires par lieu.",
         "le lieu « {lieu} » a déjà ses horaires (entrée n° {numero})", "Réunissez ses horaires en une seule entrée."),
    Code("horaires-lieu-manquant", ERROR, "Une offre sans rendez-vous ne dit pas quand ouvre l'un de ses lieux.",
         "aucun horaire pour le lieu « {lieu} »",
         "Ajoutez-le à « horaires_par_lieu », ou donnez des horaires communs à tous les lieux (« horaires »)."),
    Code("duree-limite-programmee", WARNING, "Une durée limitée par personne sur une offre programmée.",
         "une durée limitée par personne ne concerne que l'accueil sans rendez-vous",
         "Pour une offre programmée, la durée se dit avec les séances (debut, fin) ou « duree_totale_heures »."),
    Code("pause", ERROR, "Une pause n'est pas comprise dans sa séance.",
         "la pause de {debut} à {fin} (séance du {date}) n'est pas comprise entre {sdebut} et {sfin}",
         "Une pause commence après le début de la séance et finit avant sa fin (heures sur 24 h)."),
    Code("pauses-chevauchement", ERROR, "Deux pauses d'une séance se chevauchent.",
         "la pause de {debut} (séance du {date}) commence avant la fin de la précédente", "Réunissez-les en une seule pause."),
    Code("duree-seances", WARNING, "Les séances d'une session ne font pas la durée totale annoncée.",
         "les séances de la session n° {numero} durent {somme} h, l'offre annonce {duree} h (duree_totale_heures)",
         "Corrigez les heures des séances, leurs pauses, ou la durée totale."),
    Code("prevue-sans-date", WARNING, "Une offre prévue ne dit pas quand elle ouvre.", "offre prévue sans date d'ouverture",
         "Ajoutez « du: \"AAAA-MM-JJ\" » dans « statut » : les partenaires sauront à partir de quand orienter."),
    Code("prevue-passee", WARNING, "Une offre prévue aurait dû ouvrir.", "offre prévue pour le {date} : cette date est passée",
         "Si elle fonctionne, écrivez « etat: active » ; sinon, indiquez la nouvelle date d'ouverture."),
    Code("activite-annee-double", ERROR, "Deux bilans d'activité pour la même année.",
         "l'année {annee} a déjà ses chiffres (entrée n° {numero})", "Une entrée par année : additionnez ou corrigez l'année."),
    Code("activite-annee-future", ERROR, "Des chiffres d'activité pour une année qui n'est pas commencée.",
         "chiffres d'activité pour {annee}, année qui n'a pas commencé", "Vérifiez l'année (AAAA)."),
    Code("activite-doublon", ERROR, "Un public ou un partenaire compté deux fois la même année.",
         "{quoi} « {valeur} » compté deux fois en {annee}", "Une ligne par {quoi} : additionnez les deux."),
    Code("activite-depasse", ERROR, "Une répartition dépasse le nombre de personnes touchées.",
         "en {annee}, les personnes comptées {quoi} ({somme}) dépassent les personnes touchées ({total})",
         "Une personne n'est comptée qu'une fois dans la répartition : vérifiez les nombres."),
    # --- freshness -----------------------------------------------------------------------------------
    Code("date-future", ERROR, "La date de vérification est dans le futur.", "date de vérification dans le futur ({date})",
         "Indiquez la date du jour où vous avez vérifié ces informations."),
    Code("a-verifier", WARNING, "Vérifiée il y a plus de six mois.", "informations vérifiées il y a plus de six mois ({date})",
         "Relisez la fiche et mettez date_maj à la date du jour."),
    # --- search vocabulary (schema/vocabulaire/) -------------------------------------------------------
    Code("vocabulaire-absent", ERROR, "Un fichier du vocabulaire de la recherche manque.",
         "fichier de vocabulaire manquant : {nom}",
         "Créez-le : une clé par code du référentiel {referentiel}, suivie de la liste de ses mots."),
    Code("vocabulaire-forme", ERROR, "Le vocabulaire n'associe pas des codes à des listes de mots.", "{quoi}",
         "Écrivez « code: » puis, en dessous, une ligne « - mot » par mot ou expression."),
    Code("vocabulaire-code", ERROR, "Le vocabulaire cite un code absent de son référentiel.",
         "code inconnu « {code} » : il n'est pas dans le référentiel {referentiel}",
         "Codes possibles : voir schema/referentiels/{referentiel}.json."),
    Code("vocabulaire-mot", ERROR, "Un mot du vocabulaire est vide ou n'est pas du texte.",
         "« {code} » : mot vide ou qui n'est pas du texte",
         "Écrivez le mot entre guillemets s'il contient deux-points ou commence par un chiffre."),
    Code("vocabulaire-doublon", WARNING, "Un mot est listé deux fois sous le même code.",
         "« {mot} » est déjà listé sous « {code} »", "Retirez la seconde ligne."),
    Code("perime", WARNING, "Vérifiée il y a plus d'un an.", "informations périmées : vérifiées il y a plus d'un an ({date})",
         "Vérifiez chaque information avec la structure, puis mettez date_maj à la date du jour."),
)

CATALOGUE = {c.code: c for c in CODES}
