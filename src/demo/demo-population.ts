/** The population `probity demo` generates and loads on first start: fixed, so every demo tells the same stories. */
export const DEMO_POPULATION = { persons: 20_000, orgs: 2_000, gov: 100, seed: 2026 } as const;
