/** Exit statuses, driftctl's convention: usable as a CI gate. */
export const EXIT = { inSync: 0, drift: 1, error: 2 } as const;
