/**
 * zod compiles fast object parsers with `new Function` after probing for it; under the app's
 * Content-Security-Policy (no 'unsafe-eval') that probe is a policy violation. Jitless mode
 * parses the same way without generated code. Imported once, by the entry point.
 */
import { config } from 'zod/mini';

config({ jitless: true });
