/**
 * Where a wire fact comes from, strongest first. The seed (the deployment's own GC developer
 * guide excerpt) wins over everything; "inferred" marks our own reasoning, not confirmed by any
 * source, and is the first thing to check against a real GC.
 */
export type Provenance = 'seed' | 'gc-docs' | 'client-code' | 'inferred';
