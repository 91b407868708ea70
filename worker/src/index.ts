// Workers entry: wiring only. Bindings come from wrangler.toml (D1 `DB`, Durable Object `RATE_LIMITER`).
import { createApp } from './create-app.ts';

export { RateLimiter } from './limiter/rate-limiter.ts';

export default createApp();
