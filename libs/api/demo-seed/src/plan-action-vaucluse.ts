import type { CollectiviteType, PlanStatus, PopulationBand, WorkspaceRole } from '@miroir/shared/contracts';

/**
 * The demo content: the operational action plan of the SNDGCT–CNFPT partnership in Vaucluse
 * (Lourmarin, 28 June 2024), as the groupe miroir works on it. Titles and descriptions are the
 * document's own words.
 */
export interface SeedAxis {
  title: string;
  description?: string;
  status?: PlanStatus;
  children?: SeedAxis[];
}

export interface SeedAccount {
  email: string;
  role: WorkspaceRole;
  displayName: string;
  jobTitle: string;
  collectivite: string;
  collectiviteType: CollectiviteType;
  populationBand: PopulationBand | null;
}

export const DEMO_PASSWORD = 'miroir-demo';
export const DEMO_WORKSPACE_NAME = 'Groupe miroir DGS Vaucluse';

export const DEMO_ACCOUNTS: SeedAccount[] = [
  {
    email: 'admin@miroir.test',
    role: 'admin',
    displayName: 'Hélène Garcin',
    jobTitle: "Responsable de l'antenne départementale",
    collectivite: 'CNFPT — antenne de Vaucluse',
    collectiviteType: 'autre',
    populationBand: null,
  },
  {
    email: 'moderation@miroir.test',
    role: 'moderator',
    displayName: 'Julien Roumanille',
    jobTitle: 'Conseiller formation',
    collectivite: 'CNFPT — délégation PACA',
    collectiviteType: 'autre',
    populationBand: null,
  },
  {
    email: 'membre1@miroir.test',
    role: 'member',
    displayName: 'Claire Mistral',
    jobTitle: 'DGS',
    collectivite: 'Commune de Sorgues',
    collectiviteType: 'commune',
    populationBand: '10000_20000',
  },
  {
    email: 'membre2@miroir.test',
    role: 'member',
    displayName: 'Antoine Bérard',
    jobTitle: 'DGS',
    collectivite: 'Communauté de communes Pays des Sorgues Monts de Vaucluse',
    collectiviteType: 'epci',
    populationBand: '50000_100000',
  },
  {
    email: 'membre3@miroir.test',
    role: 'member',
    displayName: 'Nadia Ferrand',
    jobTitle: 'DGA ressources',
    collectivite: 'Département de Vaucluse',
    collectiviteType: 'departement',
    populationBand: 'gt_100000',
  },
  {
    email: 'observateur@miroir.test',
    role: 'observer',
    displayName: 'Paul Rigaud',
    jobTitle: 'Secrétaire de section',
    collectivite: 'SNDGCT — section de Vaucluse',
    collectiviteType: 'autre',
    populationBand: null,
  },
];

export const DEMO_PLAN = {
  title: "Plan d'action opérationnel Vaucluse — partenariat SNDGCT-CNFPT",
  status: 'open' as PlanStatus,
  description: [
    "L'union régionale PACA du Syndicat National des Directeurs Généraux de Collectivités Territoriales (SNDGCT) et la délégation PACA du Centre National de la Fonction Publique Territoriale (CNFPT) ont conclu en 2023 un partenariat stratégique visant à définir de nouvelles relations de collaboration et d'accompagnement des cadres territoriaux.",
    "En déclinaison de ce partenariat, la section locale du SNDGCT et l'antenne départementale ont souhaité bâtir un plan d'action opérationnel à mettre en œuvre sur le Département de Vaucluse.",
    "Un séminaire à destination des cadres dirigeants de Vaucluse s'est tenu le 16 février 2024 sur l'antenne CNFPT de Vaucluse. Organisé en ateliers d'intelligence collective, il a permis de définir des axes de travail et des priorités d'action conjointes pour la période avril 2024 / avril 2025.",
  ].join('\n\n'),
};

export const DEMO_AXES: SeedAxis[] = [
  {
    title: 'Orientations régionales de la délégation CNFPT PACA',
    status: 'open',
    description:
      "Au regard des trois orientations nationales du projet d'établissement et de l'analyse des besoins des collectivités et des agents issus de l'écoute et du dialogue territorial, la délégation PACA structure son offre pédagogique sur trois principales orientations régionales.",
    children: [
      {
        title: 'Accompagner les transitions écologiques',
        status: 'open',
        description:
          "En insistant sur des thématiques particulièrement prégnantes sur le territoire régional : la gestion et le partage de la ressource en eau et la préservation de la biodiversité. Cet axe sera articulé avec des enjeux économiques (le tourisme, l'attractivité du territoire), des enjeux sociaux (les politiques de logement notamment lutte contre les « passoires thermiques » et l'insalubrité) et la nécessité d'accompagner les collectivités sur la prévention et la gestion des risques majeurs.",
      },
      {
        title: 'Accompagner les transitions professionnelles',
        status: 'open',
        description:
          "En professionnalisant les acteurs RH (par la formation et la mise en réseau) sur les nouveaux enjeux (attractivité de l'emploi public, politique de QVT, prévention de l'usure, etc.) et en proposant des dispositifs de formation adaptés à l'accompagnement de toutes les mobilités.",
      },
      {
        title: 'Accompagner les collectivités dans leurs transformations',
        status: 'open',
        description:
          "À la fois dans les nouveaux enjeux de la relation à l'utilisateur (numérique, participation, proximité), la nécessité de trouver de nouveaux modes de coopération (à l'interne et à l'externe via les techniques d'innovation publique), de nouvelles sources de financement (les fonds européens) comme de nouvelles pratiques managériales intégrant le nouveau rapport au travail et les évolutions en termes de modalités de travail.",
      },
    ],
  },
  {
    title: "1/ L'organisation ou la participation conjointes à des évènementiels d'actualité",
    status: 'open',
    children: [
      {
        title: 'Côté CNFPT',
        children: [
          { title: "Colloque transition écologique et gestion des risques organisé le 4 juillet 2024 à l'ENSOSP", status: 'closed' },
          {
            title: 'Semaine des transitions professionnelles du 25 au 29 novembre 2024',
            description: 'Journée interdépartementale « Transitions professionnelles » sur Sorgues le 28 novembre 2024.',
          },
          { title: "Soirée de l'INET à organiser au second semestre 2024" },
        ],
      },
      {
        title: 'Côté SNDGCT',
        children: [
          { title: 'Congrès régional organisé le 28 juin 2024 à Lourmarin', status: 'closed' },
          {
            title: 'Rencontres départementales des cadres dirigeants',
            description: 'Exemple de thématique : jurisprudence sur la responsabilité des gestionnaires publics.',
          },
        ],
      },
    ],
  },
  {
    title: "2/ L'animation et l'accompagnement du réseau de cadres dirigeants territoriaux",
    status: 'open',
    children: [
      {
        title: 'Professionnalisation du cadre dirigeant',
        status: 'open',
        children: [
          { title: "Échange de pratique et expérimentation d'outils d'intelligence collective" },
          { title: 'Journée de sensibilisation au co-développement' },
          { title: 'Itinéraire CODEV à destination d’un groupe de 10/12 dirigeants de Vaucluse et du nord des Bouches-du-Rhône' },
          {
            title: "Programmation de journées thématiques ou journées d'actualité visant au décryptage de l'actualité juridique et réglementaire",
            description: [
              'Volet juridique et gestion des risques (responsabilité des gestionnaires publics, probité…).',
              'Volet environnement, aménagement et urbanisme (gestion de crise, climat et résilience, budget vert durable et soutenable, commande publique vertueuse).',
              'Apports sur les évolutions sociétales et les nouveaux modes collaboratifs.',
            ].join('\n'),
          },
        ],
      },
      {
        title: 'Accompagnement des transformations dans les organisations',
        status: 'open',
        children: [
          {
            title: "Professionnalisation du cadre dirigeant au travers du développement de l'offre catalogue",
            description: ['Culture du risque et de la responsabilité.', "Outils d'intelligence collective.", 'Management de la transversalité.'].join('\n'),
          },
          {
            title: "Développement de journées thématiques ou journées d'actualité",
            description:
              "Évolutions sociétales et nouveaux modes collaboratifs dans les organisations : rapport au travail, management des nouvelles générations, anticipation et prévention de l'usure professionnelle.",
          },
        ],
      },
      {
        title: 'Accompagnement de projets liés à la transition écologique',
        status: 'open',
        children: [
          {
            title: 'Valorisation des cycles, itinéraires de formation et webinaires',
            description: 'Pour soutenir et outiller les décideurs dans les stratégies et la conduite de la transition.',
          },
          {
            title: "Développement de l'offre tout public en Inter",
            description:
              "Notamment à destination des services espaces verts — à titre d'exemple : conception et entretien d'un jardin en milieu sec, utilisation, plantation de plantes vivaces…",
          },
          {
            title: "Expérimentation d'actions en union de collectivités",
            description: 'En matière de sensibilisation à la transition écologique et sociale, aux éco-gestes, lutte contre le gaspillage.',
          },
        ],
      },
    ],
  },
  {
    title: "3/ Autres dispositifs d'accompagnement",
    status: 'open',
    description:
      'La délégation CNFPT PACA souhaite proposer au SNDGCT deux axes de collaboration à tester en 2024-2025 sur le Vaucluse.',
    children: [
      {
        title: "Groupe de réflexion sur l'évolution de l'offre de service du CNFPT",
        status: 'open',
        description:
          "Constitution d'un groupe miroir de DGS permettant d'échanger sur leurs attentes en matière d'évolution de l'offre de service du CNFPT (volet conseil, accompagnement individualisé…) en cohérence avec les orientations nationales en cours de définition.",
      },
      {
        title: "Évaluation pédagogique conjointe des effets d'une formation",
        status: 'draft',
        description:
          "Expérimentation, à la demande de DG volontaires, d'une démarche conjointe d'évaluation pédagogique des effets d'une formation ou d'un dispositif de formation réalisé en intra ou en union.",
      },
    ],
  },
];
