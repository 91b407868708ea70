/** A bad configuration: the operator exits at once with this one-line message. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
