import { z } from 'zod';

// zod probes `new Function('')` to decide whether to compile parsers; under
// our CSP (no 'unsafe-eval') the probe logs a violation on every page load.
// Interpreted parsing is plenty for the renderer's few validations.
z.config({ jitless: true });
