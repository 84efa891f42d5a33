/** Loads and validates a registry file; a malformed one stops start-up naming the file, entry and field. */
import { readFileSync } from 'node:fs';
import { RegistrySchema, type Registry } from '@vigie/shared';

export function loadRegistry(path: string): Registry {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Registry ${path}: cannot be read as JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = RegistrySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.slice(0, 10).map((issue) => {
    const [collection, index, ...field] = issue.path;
    const entry =
      typeof index === 'number' ? describeEntry(raw, String(collection), index) : String(collection ?? '(root)');
    return `  ${entry}${field.length ? `, field ${field.join('.')}` : ''}: ${issue.message}`;
  });
  throw new Error(`Registry ${path} is malformed:\n${lines.join('\n')}`);
}

function describeEntry(raw: unknown, collection: string, index: number): string {
  const list = (raw as Record<string, unknown> | null)?.[collection];
  const id = Array.isArray(list) ? (list[index] as { id?: unknown } | undefined)?.id : undefined;
  return `${collection}[${index}]${typeof id === 'string' ? ` (id "${id}")` : ''}`;
}
