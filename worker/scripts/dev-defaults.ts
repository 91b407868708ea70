/** Dev-only secret values `npm run dev` uses when neither `--var NAME:…` nor a `.dev.vars` file provides them. */
export const DEV_ADMIN_TOKEN = 'dev-admin-token';
export const DEV_API_KEY_PEPPER = 'dev-api-key-pepper-not-for-production';
