// A route whose answer is the same for everyone (the public site: published records, no
// credential read) may be kept by caches: it says so with `config: { publicCache: true }` and
// sets its own Cache-Control, which the API's no-store hook then leaves alone.

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answers the same to everyone: the route sets its own Cache-Control. */
    publicCache?: boolean;
  }
}

export const PUBLIC_CACHE = { public: true, publicCache: true } as const;
