// The CLI's usage error: a bad flag, file or value; `run` prints it as JSON and exits 2.

/** A usage problem (exit 2); its message never repeats a secret value. */
export class UsageError extends Error {}
