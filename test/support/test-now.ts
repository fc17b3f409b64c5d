/** The instant every API test lives at (a Tuesday morning in Riga), shared by test-deps and the global setup. */
export const TEST_NOW = "2026-11-24T09:30:00.000Z";
