/**
 * zod compiles its object parsers with `new Function` unless told not to, and probes for it when the
 * first object schema is built. The dashboard's CSP allows no `unsafe-eval`, and the browser reports
 * even that caught probe as a violation: zod runs interpreted here. The entry imports this module
 * first, so the setting is in place before any schema exists.
 */
import { z } from 'zod';

z.config({ jitless: true });
