// A real OpenID Connect provider for the workbench's tests: oidc-provider (the certified Node
// implementation), started on localhost on a port of its own, with the ledger as a confidential
// client and a few test accounts. Its development sign-in pages take any account id as the
// login (no password check): the account's claims come from `accounts` here.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  sub: string;
  email?: string;
  emailVerified?: boolean;
}

export const CLIENT_ID = 'engagement-ledger';
export const CLIENT_SECRET = 'a-test-client-secret-that-is-long-enough';

export interface IdentityProvider {
  issuer: string;
  /** Register the ledger's callback (known once the ledger listens) and start answering. */
  serve(redirectUri: string): void;
  close(): Promise<void>;
}

/** Listen first (the issuer URL names the port), configure once the ledger's address is known. */
export async function startIdentityProvider(accounts: readonly TestAccount[]): Promise<IdentityProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (handler) handler(req, res);
    else {
      res.statusCode = 503;
      res.end('not configured yet');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const byId = new Map(accounts.map((a) => [a.sub, a]));
  return {
    issuer,
    serve(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT_ID,
            client_secret: CLIENT_SECRET,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_post',
          },
        ],
        claims: { openid: ['sub'], email: ['email', 'email_verified'] },
        // Every client must use PKCE, as the ledger does.
        pkce: { required: () => true },
        cookies: { keys: ['identity-provider-test-cookie-key'] },
        async findAccount(_ctx, sub) {
          const account = byId.get(sub);
          if (!account) return undefined;
          return {
            accountId: sub,
            async claims() {
              return { sub, ...(account.email ? { email: account.email, email_verified: account.emailVerified ?? false } : {}) };
            },
          };
        },
      });
      // The development sign-in pages say they are for development: expected here.
      provider.on('server_error', (_ctx: unknown, error: Error) => process.stderr.write(`identity provider: ${error.message}\n`));
      handler = provider.callback();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
