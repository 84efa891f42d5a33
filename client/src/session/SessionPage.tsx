/**
 * An access page that depends on who is here (account, administration): behind the session gate,
 * then a wait in the page's frame until the server has said who this is.
 */
import type { SessionInfo } from '@vigie/shared';
import type { ReactNode } from 'react';
import { useStoreSelector } from '../hooks/useStoreSelector.ts';
import { SessionGate } from './SessionGate.tsx';
import { selectSession } from '../store/selectors.ts';
import { AccessFrame } from '../access/AccessFrame.tsx';

type Props = {
  title: string;
  page: string;
  waiting: string;
  /** The page, once the server has said who is here. */
  children: (info: SessionInfo) => ReactNode;
};

export function SessionPage(props: Props) {
  return (
    <SessionGate>
      <Known {...props} />
    </SessionGate>
  );
}

function Known({ title, page, waiting, children }: Props) {
  const { info } = useStoreSelector(selectSession);
  if (!info) {
    return (
      <AccessFrame title={title} page={page}>
        <p role="status">{waiting}</p>
      </AccessFrame>
    );
  }
  return children(info);
}
