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

// Each worker signs in as its own session of every account: a success banner waits under
// the session and is taken by that session's next page, so two workers sharing one session
// could take each other's banners. Playwright names the worker's slot in TEST_PARALLEL_INDEX
// (0 to workers - 1) in the worker process, where the config and the specs are evaluated.
export const stateFile = (name: AccountName, slot = process.env.TEST_PARALLEL_INDEX ?? '0') =>
  `${STATE_DIR}/${name}-${slot}.json`;
