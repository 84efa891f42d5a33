/**
 * The public summary as a resource (/synthese and its JSON): the public audience's projection — what
 * its socket room is sent — kept from the log's commits, rendered on the first request after it changes
 * or after a time it shows moves (its age by the minute, the overdue flag, the demo's clock), then
 * served from memory in every encoding with a strong ETag. A press spike costs header lookups, not renders.
 */
import {
  PublicSummarySchema,
  projectPublic,
  publicSummaryMoment,
  publicSummaryOf,
  scenarioTime,
  type Lang,
  type PublicSituation,
} from '@vigie/shared';
import type { IncidentLog } from '../../../log/incidentLog.ts';
import { buildRepresentation, type Representation } from '../representation.ts';
import type { ShellPage } from '../shellPage.ts';
import { renderSummaryPage } from './renderSummaryPage.ts';

/**
 * A reverse proxy may answer for 5 s, then keep answering with its copy for up to 10 s more while it
 * revalidates in the background (a 304 most of the time): a spike reaches Vigie as about one request
 * per 5 s per proxy, and a newly published point reaches its readers within seconds (the page's
 * socket shows it at once). Longer would leave a superseded point up; shorter would pass the spike on.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=5, stale-while-revalidate=10';

interface Rendered {
  /** The projection's version it was rendered from. */
  version: number;
  /** What of its words moves with time alone, when it was rendered. */
  moment: string;
  representation: Representation;
}

export class PublicSummaryResource {
  private projection: PublicSituation;
  /** Moves whenever the projection does (a new log may start again at the same seq). */
  private version = 0;
  private readonly pages = new Map<Lang, Rendered>();
  private summary: Rendered | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    log: IncidentLog,
    private readonly shell: ShellPage,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.projection = projectPublic(log.situation, log.publicSeq);
    this.unsubscribe = log.subscribe((c) => {
      // When the public room hears of it: a snapshot on a new log, a patch when a point is published.
      if (c.newLog || c.publicSeq !== this.projection.seq) {
        this.projection = projectPublic(c.state, c.publicSeq);
        this.version++;
      }
    });
  }

  /** The page in `lang`: the latest published point, and the snapshot the page's script starts from. */
  page(lang: Lang): Representation {
    const now = this.incidentNow();
    const moment = publicSummaryMoment(this.projection, now);
    const cached = this.pages.get(lang);
    if (cached?.version === this.version && cached.moment === moment) return cached.representation;
    // The public position: once the broadcast carrying it has gone out (within the coalescing window),
    // the page's socket connects with nothing to catch up.
    const { seq } = this.projection;
    const snapshot = {
      audience: 'public' as const,
      logId: this.projection.logId,
      seq,
      state: this.projection,
    };
    const html = renderSummaryPage(this.shell, snapshot, lang, now);
    const representation = buildRepresentation(html, {
      contentType: 'text/html; charset=utf-8',
      cacheControl: PUBLIC_CACHE_CONTROL,
    });
    this.pages.set(lang, { version: this.version, moment, representation });
    return representation;
  }

  /** The JSON: the published point and whether its next point is overdue (nothing that moves with every change). */
  json(): Representation {
    const summary = publicSummaryOf(this.projection, this.incidentNow());
    const moment = String(summary.nextPointOverdue);
    const cached = this.summary;
    if (cached?.version === this.version && cached.moment === moment) return cached.representation;
    // Parsed on the way out: exactly the public schema's fields, whatever the projection grows.
    const body = JSON.stringify(PublicSummarySchema.parse(summary));
    const representation = buildRepresentation(body, {
      contentType: 'application/json; charset=utf-8',
      cacheControl: PUBLIC_CACHE_CONTROL,
    });
    this.summary = { version: this.version, moment, representation };
    return representation;
  }

  stop(): void {
    this.unsubscribe();
  }

  /** Now on the incident's clock: the scenario's simulated time in the demo, as the page reads it. */
  private incidentNow(): number {
    const now = this.now();
    const { clock } = this.projection;
    return (clock ? scenarioTime(clock, now) : now).getTime();
  }
}
