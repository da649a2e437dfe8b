// The accounts scripts/test creates (with `accord user add`) before the server starts,
// and where each one's signed-in browser state is kept by global-setup.ts.
export const PASSWORD = process.env.E2E_PASSWORD ?? 'e2e only: four random words here';

export const ACCOUNTS = {
  admin: { email: 'admin@e2e.test', role: 'admin', clearance: 'top_secret' },
  editor: { email: 'editor@e2e.test', role: 'editor', clearance: 'secret' },
  viewer: { email: 'viewer@e2e.test', role: 'viewer', clearance: 'official' },
  reviewer: { email: 'reviewer@e2e.test', role: 'reviewer', clearance: 'secret' },
} as const;

export type AccountName = keyof typeof ACCOUNTS;

// E2E_STATE_DIR lets two runs against two servers keep their sessions apart.
const STATE_DIR = process.env.E2E_STATE_DIR ?? 'end2end/.auth';
export const stateFile = (name: AccountName) => `${STATE_DIR}/${name}.json`;
