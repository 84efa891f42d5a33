// Moved to ../testing.tsx; kept until the undo list's files import it from there.
export * from '../testing.tsx';
