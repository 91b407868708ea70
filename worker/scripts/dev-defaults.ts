/**
 * The dev-only admin token of `.dev.vars.example`, which `npm run dev` passes when no `.dev.vars` exists;
 * `npm run bootstrap` tries it when no other token is given.
 */
export const DEV_ADMIN_TOKEN = 'dev-admin-token';
