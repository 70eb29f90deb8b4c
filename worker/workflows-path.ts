/** Where the worker's workflow code lives: the bundle entry registering every workflow. */
export const WORKFLOWS_PATH = require.resolve('../workflows');
