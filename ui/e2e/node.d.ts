// The one Node global playwright.config.ts reads. The project does not depend
// on @types/node (the UI runs in a browser; see src/tests/node.d.ts).
declare const process: { env: Record<string, string | undefined> };
