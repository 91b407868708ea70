// The bundle (`npm run build -w core`) inlines the manifest, so the packed command needs no file beside it.
import manifest from '../package.json' with { type: 'json' };

/** The package version that `driftwise --version` prints. */
export const VERSION: string = manifest.version;
