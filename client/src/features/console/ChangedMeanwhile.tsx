/** Says that what a form was started from has changed since: by whom, when, and what to do about it. */
import type { Actor } from '@vigie/shared';
import { Provenance } from '../../items/Provenance.tsx';

export function ChangedMeanwhile(props: { className: string; lead: string; by: Actor; at: string; hint: string }) {
  return (
    <p className={props.className} role="status">
      {props.lead}
      <Provenance by={props.by} at={props.at} /> — {props.hint}
    </p>
  );
}
