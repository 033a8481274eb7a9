"""Referral situations written from the report (Askoria / LabAccès, /work/shared/seed/): who the person is,
what they need, what they can do, how urgent, when they are free, how far they go, their language and
disability, with the type of offer the report says fits and an offer of the sample within reach.

`reponses` uses the codes of generator/orientation/regles.yml; `commune` is what the agent types.
`segment` is the type of the first offer proposed; `offre` must be among the first three proposed.
`elargi` names the answer that empties the list: the offer is then among the widened proposals."""

SITUATIONS = [
    # Encadré 4 and part 4.5: at Lamballe, people who cannot use a computer are steered from the accès libre
    # towards the Visa Internet Bretagne, « le Visa le plus souvent ».
    dict(id="retraitee-lamballe-papiers", qui="Retraitée de Lamballe-Armor qui n'a jamais utilisé d'ordinateur et doit faire ses papiers",
         reponses={"age": "senior", "besoin": "demarche", "aisance": "non", "urgence": "non", "distance": "20km"},
         commune="Lamballe-Armor", segment="formation", offre="lamballe-terre-et-mer/visa-internet-bretagne"),
    # Défis, permanences in the QPV: people of the neighbourhood, not equipped, helped with their procedures.
    dict(id="caf-urgente-bois-du-chateau", qui="Allocataire de la CAF du quartier du Bois du Château, déclaration à faire cette semaine, ne sait pas se servir d'un ordinateur",
         reponses={"age": "adulte", "situation": ["qpv"], "besoin": "demarche", "organisme": "demarches-caf", "aisance": "non",
                   "urgence": "oui", "distance": "10km"},
         commune="Lorient", segment="permanence", offre="defis/permanence-bois-du-chateau"),
    # Encadré 3: the Visa at the Cyberbase, 51 people, mostly job seekers referred by Pôle emploi.
    dict(id="demandeur-emploi-morlaix-debutant", qui="Demandeur d'emploi de 35 ans orienté par France Travail, ne sait pas envoyer un courriel",
         reponses={"age": "adulte", "situation": ["emploi"], "besoin": "emploi", "aisance": "non", "urgence": "non", "distance": "20km"},
         commune="Morlaix", segment="formation", offre="cyberbase-morlaix/visa-internet-bretagne"),
    # Part 4.5, Charles (Cyberbase): « un besoin urgent pour postuler à un emploi ; elle ne sait pas envoyer un mail ».
    dict(id="candidature-urgente-morlaix", qui="Jeune de 22 ans qui doit postuler avant vendredi, se sert un peu d'un ordinateur mais n'a pas d'adresse électronique",
         reponses={"age": "jeune", "situation": ["emploi"], "besoin": "emploi", "aisance": "un-peu", "urgence": "oui", "distance": "10km"},
         commune="Morlaix", segment="acces-libre", offre="cyberbase-morlaix/acces-libre"),
    # Encadré 2: ateliers at the Mission locale for young people of the « Garantie jeunes ».
    dict(id="jeune-mission-locale-lorient", qui="Jeune de 19 ans suivi par la Mission locale de Lorient, cherche un emploi, se débrouille un peu",
         reponses={"age": "jeune", "situation": ["emploi"], "besoin": "emploi", "aisance": "un-peu", "distance": "10km"},
         commune="Lorient", segment="atelier", offre="defis/ateliers-jeunes-mission-locale"),
    # Encadré 2, PDI: « Numérique au quotidien » for people very far from digital tools, often isolated.
    dict(id="rsa-isolee-lanester", qui="Allocataire du RSA de 55 ans, isolée, très éloignée du numérique",
         reponses={"age": "adulte", "situation": ["minima"], "besoin": "bases", "aisance": "non", "distance": "10km"},
         commune="Lanester", segment="formation", offre="defis/numerique-au-quotidien"),
    # Encadré 2, PDI: « Numérique et emploi » for people far from employment held back by digital tools.
    dict(id="rsa-emploi-lanester", qui="Allocataire du RSA de 40 ans en parcours d'insertion, cherche un emploi, en difficulté avec l'ordinateur",
         reponses={"age": "adulte", "situation": ["minima", "emploi"], "besoin": "emploi", "aisance": "non", "distance": "10km"},
         commune="Lanester", segment="formation", offre="defis/numerique-et-emploi"),
    # Encadré 2: a training for migrants with the Sauvegarde 56.
    dict(id="exile-anglophone-lanester", qui="Personne exilée qui apprend le français et parle anglais, veut apprendre à se servir d'un ordinateur",
         reponses={"age": "adulte", "situation": ["francais"], "besoin": "bases", "aisance": "non", "langue": "en", "distance": "10km"},
         # The training for migrants is « prévue » in the sample (it starts in February 2027): never proposed
         # before it starts, so nothing fits in English and the assistant widens on the language.
         commune="Lanester", segment="formation", offre="defis/visa-internet-bretagne", elargi="langue"),
    # Défis in the QPV: « 2 seulement des 5 femmes présentes comprenaient et parlaient un peu le français ».
    dict(id="femme-arabophone-kerguillette", qui="Femme du quartier Kerguillette, arrivée depuis peu, parle arabe, veut se servir de son smartphone",
         reponses={"age": "adulte", "situation": ["francais", "qpv"], "besoin": "smartphone", "langue": "ar", "distance": "5km"},
         commune="Lorient", segment="atelier", offre="defis/ateliers-kerguillette-petit-paradis", elargi="langue"),
    # Encadré 2: 35 people with psychological disorders (Fondation Afnic, Sauvegarde 56).
    dict(id="handicap-psychique-lanester", qui="Adulte vivant avec des troubles psychiques, accompagné par la Sauvegarde 56",
         reponses={"age": "adulte", "besoin": "bases", "aisance": "non", "handicap": "psychique", "distance": "10km"},
         commune="Lanester", segment="formation", offre="defis/numerique-et-handicap-psychique"),
    # Encadré 2, CARSAT/CPAM: savoirs de base for retired people, most of whom « n'a jamais touché un ordinateur ».
    dict(id="retraite-lorient-grand-debutant", qui="Retraité de Lorient qui n'a jamais touché un ordinateur",
         reponses={"age": "senior", "besoin": "bases", "aisance": "non", "distance": "10km"},
         commune="Lorient", segment="formation", offre="defis/savoirs-de-base-retraites"),
    # Encadré 2: the shorter smartphone module after the savoirs de base.
    dict(id="retraitee-lorient-smartphone", qui="Retraitée de Lorient qui a suivi les savoirs de base et veut se servir de son smartphone",
         reponses={"age": "senior", "besoin": "smartphone", "aisance": "un-peu", "distance": "10km"},
         commune="Lorient", segment="formation", offre="defis/smartphone-retraites"),
    # Encadré 2: savoirs de base with the CCAS of Auray (conférence des financeurs).
    dict(id="retraitee-auray", qui="Retraitée d'Auray orientée par le CCAS, débutante",
         reponses={"age": "senior", "besoin": "bases", "aisance": "non", "distance": "10km"},
         commune="Auray", segment="formation", offre="defis/savoirs-de-base-auray"),
    # Encadré 3: « Coup de pouce informatique » for people over 60 (dispositif Vas-y).
    dict(id="aine-morlaix-vas-y", qui="Homme de 72 ans de Morlaix qui n'a jamais utilisé d'ordinateur",
         reponses={"age": "senior", "besoin": "bases", "aisance": "non", "distance": "10km"},
         commune="Morlaix", segment="formation", offre="cyberbase-morlaix/coup-de-pouce-informatique"),
    # Encadré 3: the tax workshop co-led with the Trésor public, mostly retired people.
    dict(id="impots-retraite-morlaix", qui="Retraité de Morlaix qui se sert un peu de l'ordinateur et veut déclarer ses revenus en ligne",
         reponses={"age": "senior", "besoin": "demarche", "organisme": "demarches-impots", "aisance": "un-peu", "urgence": "non",
                   "distance": "10km"},
         commune="Morlaix", segment="atelier", offre="cyberbase-morlaix/atelier-impots-en-ligne"),
    # Encadré 4 and part 3.1: three quarters of the accès libre at Lamballe are autonomous people who need a connection.
    dict(id="autonome-lamballe-imprimer", qui="Habitante de Lamballe-Armor, à l'aise, sans imprimante ni connexion",
         reponses={"besoin": "acces", "aisance": "oui", "distance": "5km"},
         commune="Lamballe-Armor", segment="acces-libre", offre="lamballe-terre-et-mer/acces-libre"),
    # Part 3.1: a seasonal public at Erquy; part 6 (report): carte grise procedures sent to the EPN.
    dict(id="carte-grise-erquy-samedi", qui="Saisonnier à Erquy, se débrouille, doit faire sa carte grise, libre seulement le samedi",
         reponses={"besoin": "demarche", "organisme": "demarches-ants", "aisance": "oui", "disponibilite": ["samedi"], "distance": "5km"},
         commune="Erquy", segment="acces-libre", offre="lamballe-terre-et-mer/acces-libre"),
    # Part 3.3: offers held at hours « peu compatibles avec des horaires de travail » reach mostly retired people.
    dict(id="salarie-lamballe-soir-samedi", qui="Salarié de Lamballe-Armor, libre le soir ou le samedi, se débrouille un peu, veut progresser",
         reponses={"age": "adulte", "besoin": "bases", "aisance": "un-peu", "disponibilite": ["soir", "samedi"], "distance": "20km"},
         commune="Lamballe-Armor", segment="atelier", offre="lamballe-terre-et-mer/ateliers-internet", elargi="disponibilite"),
    # Encadré 4: accès libre with evening opening at Quessoy.
    dict(id="salariee-quessoy-soir", qui="Salariée de Quessoy, à l'aise, a besoin d'un ordinateur connecté le soir",
         reponses={"age": "adulte", "besoin": "acces", "aisance": "oui", "disponibilite": ["soir"], "distance": "5km"},
         commune="Quessoy", segment="acces-libre", offre="lamballe-terre-et-mer/acces-libre"),
    # Encadré 3: workshops « proposé[s] après chaque parcours VISA », with Pôle emploi.
    dict(id="apres-visa-profil-morlaix", qui="Demandeuse d'emploi de Morlaix qui a fini le Visa, veut mettre en valeur son profil France Travail",
         reponses={"age": "adulte", "situation": ["emploi"], "besoin": "emploi", "aisance": "oui", "distance": "10km"},
         commune="Morlaix", segment="atelier", offre="cyberbase-morlaix/atelier-profil-competences"),
    # Encadré 3: 7 young people of « Prépa Avenir Jeunes » referred by the Mission locale (identité numérique).
    dict(id="prepa-avenir-jeunes-morlaix", qui="Jeune de 18 ans de Prépa Avenir Jeunes, veut protéger son identité numérique",
         reponses={"age": "jeune", "besoin": "perfectionner", "aisance": "un-peu", "distance": "10km"},
         commune="Morlaix", segment="atelier", offre="cyberbase-morlaix/atelier-identite-numerique-jeunes"),
    # Encadré 4: animations for children with the libraries.
    dict(id="parent-lamballe-mercredi", qui="Mère de Lamballe-Armor qui cherche une activité numérique le mercredi pour son fils de 9 ans",
         reponses={"age": "adulte", "situation": ["parent"], "besoin": "enfant", "disponibilite": ["mercredi"], "distance": "10km"},
         commune="Lamballe-Armor", segment="animation", offre="lamballe-terre-et-mer/mercredis-numeriques-enfants"),
    # Encadré 4: the animations for young people (12-17), the club geek on Friday evening.
    dict(id="ado-lamballe-vendredi-soir", qui="Adolescent de 14 ans de Lamballe-Armor, jeux vidéo, libre le soir",
         reponses={"age": "ado", "besoin": "enfant", "disponibilite": ["soir"], "distance": "10km"},
         commune="Lamballe-Armor", segment="animation", offre="lamballe-terre-et-mer/club-geek"),
    # Encadré 3: « Web & Communication » with the RESAM for 33 volunteers.
    dict(id="benevole-association-morlaix", qui="Bénévole d'une association du Pays de Morlaix qui veut créer le site de l'association",
         reponses={"situation": ["benevole"], "besoin": "communication", "aisance": "oui", "distance": "20km"},
         commune="Morlaix", segment="formation-professionnels", offre="cyberbase-morlaix/web-communication-associations"),
    # Encadré 3: the same for 41 entrepreneurs, tourism hosts, artists and craftspeople.
    dict(id="artisan-morlaix", qui="Artisane de Morlaix qui veut se faire connaître en ligne",
         reponses={"situation": ["entrepreneur"], "besoin": "communication", "aisance": "oui", "distance": "20km"},
         commune="Morlaix", segment="formation-professionnels", offre="cyberbase-morlaix/web-communication-acteurs-economiques"),
    # Fiche d'identité 3 and 2: training the community's agents.
    dict(id="agent-lamballe-terre-et-mer", qui="Agent de Lamballe Terre & Mer qui doit se former à la bureautique pour son poste",
         reponses={"age": "adulte", "situation": ["professionnel"], "besoin": "former", "aisance": "un-peu", "distance": "20km"},
         commune="Lamballe-Armor", segment="formation-professionnels", offre="lamballe-terre-et-mer/formations-agents-ltm"),
    # Encadré 2: Promeneurs du Net, 97 professionals.
    dict(id="animateur-jeunesse-lorient", qui="Animateur jeunesse de Lorient qui veut accompagner les usages numériques des jeunes",
         reponses={"situation": ["professionnel"], "besoin": "former", "aisance": "oui", "distance": "20km"},
         commune="Lorient", segment="formation-professionnels", offre="defis/promeneurs-du-net-professionnels"),
    # Encadré 2 and fiche d'identité 1: 258 computers lent, the reuse activity of Défis.
    dict(id="rsa-sans-ordinateur-lanester", qui="Allocataire du RSA de Lanester sans ordinateur, pour sa recherche d'emploi",
         reponses={"situation": ["minima", "emploi"], "besoin": "emprunter", "distance": "10km"},
         commune="Lanester", segment="materiel", offre="defis/pret-ordinateurs"),
    # Encadré 2: 165 reconditioned computers sold.
    dict(id="acheter-ordinateur-lanester", qui="Étudiant de Lanester qui veut un ordinateur portable à petit prix",
         reponses={"age": "jeune", "besoin": "acheter", "distance": "10km"},
         commune="Lanester", segment="materiel", offre="defis/vente-ordinateurs-reconditionnes"),
    # Encadré 2: the repair cafés of Hennebont (the one of Auray is suspended and must not be proposed).
    dict(id="panne-hennebont", qui="Retraité d'Hennebont dont l'ordinateur ne démarre plus",
         reponses={"age": "senior", "besoin": "reparer", "distance": "5km"},
         commune="Hennebont", segment="materiel", offre="defis/repair-cafe-hennebont"),
    # The EPN of Lamballe is accessible; the one of Meslin is not.
    dict(id="fauteuil-lamballe", qui="Personne en fauteuil roulant, à l'aise, qui cherche un ordinateur connecté à Lamballe-Armor",
         reponses={"besoin": "acces", "aisance": "oui", "handicap": "fauteuil", "distance": "5km"},
         commune="Lamballe-Armor", segment="acces-libre", offre="lamballe-terre-et-mer/acces-libre"),
]
