/**
 * The public summary (`/synthese` and its JSON): the latest published point de situation in the words
 * the public reads, computed once here for the server (a page readable without JavaScript) and for the
 * page's script that then keeps it live, so both say the same thing at the same moment.
 */
import { z } from 'zod';
import { overdueNextPoint } from './flags.ts';
import { format, formatDayTime, formatDuration, type Lang } from './i18n.ts';
import { PublicSituationSchema, ScenarioClockSchema, type PublicSituation } from './situation.ts';
import { statementFieldLabels, statementLines, type StatementLine } from './statementWords.ts';

/** Where the public summary is served: the page, and the same content as JSON. */
export const publicPaths = { page: '/synthese', summary: '/api/v1/public/summary' } as const;

/** The id of the element in the served page holding the public snapshot it was rendered from (the script starts from it). */
export const PUBLIC_SNAPSHOT_ELEMENT_ID = 'vigie-public-snapshot';

const fr = {
  title: 'Synthèse publique – incident informatique',
  none: 'Aucun point de situation publié pour le moment.',
  published: 'Point de situation n° {number}, publié {time}, il y a {age}',
  nextPoint: 'Prochain point prévu à {time}',
  late: 'en retard de {late}',
  demo: 'DÉMONSTRATION',
  simulatedTime: 'heure simulée',
};

const en: typeof fr = {
  title: 'Public summary – IT incident',
  none: 'No situation report published yet.',
  published: 'Situation report no. {number}, published {time}, {age} ago',
  nextPoint: 'Next report due at {time}',
  late: 'overdue by {late}',
  demo: 'DEMONSTRATION',
  simulatedTime: 'simulated time',
};

/** The public summary's own words, in French and English (the lines' labels are the points de situation's). */
export const publicSummaryWords = { fr, en };

/** The latest published point as the public audience receives it. */
export type PublishedPoint = NonNullable<PublicSituation['statement']>;

/** A published point in words, as the public summary shows it. */
export interface PublicPointView {
  /** "Point de situation n° 2, publié sam. 11:02, il y a 12 min". */
  published: string;
  /** "Prochain point prévu à sam. 15:00", and once that time has passed, how late it is ("en retard de 30 min"). */
  nextPoint: { text: string; late: string | null } | null;
  /** The point's filled lines in reading order, précisions last; `id` is the line's name in the page (`power-cut`). */
  lines: { key: StatementLine; id: string; label: string; text: string }[];
}

const readingOrder = [...statementLines, 'body'] as const;
const lineId = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The words of a published point at `now` (epoch ms on the incident's clock: the scenario's in the demo). */
export function presentPublicPoint(point: PublishedPoint, lang: Lang, now: number): PublicPointView {
  const words = publicSummaryWords[lang];
  const late = overdueNextPoint(point, now);
  const { fields } = point;
  return {
    published: format(words.published, {
      number: String(point.number),
      time: formatDayTime(point.publishedAt, lang),
      age: formatDuration(now - Date.parse(point.publishedAt)),
    }),
    nextPoint: fields.nextPointAt
      ? {
          text: format(words.nextPoint, { time: formatDayTime(fields.nextPointAt, lang) }),
          late: late ? format(words.late, { late: formatDuration(late.lateMs) }) : null,
        }
      : null,
    lines: readingOrder
      .filter((key) => fields[key].trim() !== '')
      .map((key) => ({ key, id: lineId(key), label: statementFieldLabels[lang][key], text: fields[key] })),
  };
}

/**
 * What of the summary's words moves with time alone (the point's age, how late its next point is,
 * the demo's clock), as a key: at two instants with the same key the words are the same, so a
 * rendering can be kept until the key changes (`now`: epoch ms on the incident's clock).
 */
export function publicSummaryMoment(s: Pick<PublicSituation, 'demo' | 'clock' | 'statement'>, now: number): string {
  const demoClock = s.demo && s.clock ? String(Math.floor(now / 60_000)) : '';
  const point = s.statement;
  if (!point) return demoClock;
  const late = overdueNextPoint(point, now);
  return `${demoClock}|${formatDuration(now - Date.parse(point.publishedAt))}|${late ? formatDuration(late.lateMs) : ''}`;
}

/** The public summary as JSON (`/api/v1/public/summary`): exactly what the public audience may see. */
export const PublicSummarySchema = z
  .object({
    /** A demonstration: its times are on the scenario's simulated clock. */
    demo: z.boolean(),
    /** The demo's scenario clock (null outside the demo). */
    clock: ScenarioClockSchema.nullable(),
    /** The latest published point de situation, or null before the first one. */
    statement: PublicSituationSchema.shape.statement,
    /** Whether the point's next point is due and no newer point has come (on the incident's clock). */
    nextPointOverdue: z.boolean(),
  })
  .strict();
export type PublicSummary = z.infer<typeof PublicSummarySchema>;

/** The public summary of a public projection at `now` (epoch ms on the incident's clock). */
export const publicSummaryOf = (s: PublicSituation, now: number): PublicSummary => ({
  demo: s.demo,
  clock: s.clock,
  statement: s.statement,
  nextPointOverdue: overdueNextPoint(s.statement, now) !== null,
});
