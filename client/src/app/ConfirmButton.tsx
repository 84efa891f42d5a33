// Moved to ../ui/ConfirmButton.tsx; kept until the undo list's files import it from there.
export { ConfirmButton } from '../ui/ConfirmButton.tsx';
