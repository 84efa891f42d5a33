/**
 * fast-check arbitraries for hostile request bodies, as JSON text (so `__proto__` stays a key and
 * nesting can go far beyond what JSON.stringify or socket.io-client could write).
 */
import fc from 'fast-check';

/** Strings that break careless code: lone surrogates, NUL, direction overrides, BOM, combining marks. */
export const awkwardString = fc.oneof(
  fc.constantFrom(
    '\ud800',
    '\udfff\ud800',
    '\u0000',
    'a\u0000b',
    '\u202e',
    '\u202eevil\u202c',
    '\ufeff',
    'e\u0301',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);

/** Field names of the contract's payloads, so generated objects come close to valid ones. */
const fieldNames = [
  'idempotencyKey',
  'hospitalId',
  'systemId',
  'samuId',
  'departmentId',
  'status',
  'level',
  'mode',
  'value',
  'items',
  'item',
  'kind',
  'id',
  'text',
  'type',
  'title',
  'cause',
  'fields',
  'label',
  'targetAt',
  'reason',
  'expectedVersion',
  'effectiveAt',
  'undoes',
  'logId',
  'seq',
  'before',
  'limit',
  'actorId',
  'login',
  'password',
  'name',
  'roles',
  'scope',
  'accounts',
];

const jsonValue = fc.jsonValue({ maxDepth: 4 });

/** Nesting from just past the limit to 100,000 levels, of arrays or objects. */
const deepJson = fc
  .record({ depth: fc.oneof(fc.integer({ min: 17, max: 64 }), fc.constant(100_000)), objects: fc.boolean() })
  .map(({ depth, objects }) =>
    objects ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth),
  );

/** An object close to a valid payload, with a prototype-naming key added. */
const protoKeys = fc
  .record({
    key: fc.constantFrom('__proto__', 'constructor', 'prototype'),
    inner: fc.constantFrom('{"isAdmin":true}', '{"roles":["admin"]}', '{"toString":1}', 'null', '[]'),
    base: fc.dictionary(fc.constantFrom(...fieldNames), jsonValue, { maxKeys: 4 }),
    nested: fc.boolean(),
  })
  .map(({ key, inner, base, nested }) => {
    const entry = `${JSON.stringify(key)}:${inner}`;
    const rest = JSON.stringify(base).slice(1, -1);
    const object = `{${[entry, rest].filter(Boolean).join(',')}}`;
    return nested ? `{"fields":${object},"value":${object}}` : object;
  });

/** Past a size limit, but under the engine's 1 MiB ceiling. */
const oversized = fc.oneof(
  fc.integer({ min: 20_001, max: 400_000 }).map((n) => JSON.stringify({ text: 'x'.repeat(n) })),
  fc
    .integer({ min: 201, max: 5_000 })
    .map((n) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])))),
  fc.integer({ min: 401, max: 100_000 }).map((n) => `{"items":[${Array.from({ length: n }, () => '0').join(',')}]}`),
  fc
    .integer({ min: 13, max: 30 })
    .map((n) => JSON.stringify({ lines: Array.from({ length: n }, () => 'é'.repeat(2000)) })),
);

/** Wrong types and near misses on the contract's field names. */
const nearMiss = fc
  .dictionary(fc.constantFrom(...fieldNames), fc.oneof(jsonValue, awkwardString), { maxKeys: 8 })
  .map((o) => JSON.stringify(o));

/** Any hostile payload, as JSON text. */
export const hostileJson = fc.oneof(
  { weight: 3, arbitrary: jsonValue.map((v) => JSON.stringify(v)) },
  { weight: 3, arbitrary: nearMiss },
  { weight: 1, arbitrary: awkwardString.map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: deepJson },
  { weight: 2, arbitrary: protoKeys },
  { weight: 1, arbitrary: oversized },
);
