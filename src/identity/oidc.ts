// Signing in with the council's identity provider: OpenID Connect, authorization code flow with
// PKCE (openid-client, the certified relying party). The provider is found by discovery from
// its issuer URL at the first sign-in (and again after a failure), so the ledger starts while
// the provider is down. Each sign-in keeps its state, nonce and PKCE verifier server-side
// (IdentityStore.addPendingSignIn), under the hash of a random id the browser holds in a cookie
// for the round trip; the callback takes them back once, and openid-client checks the state, the
// ID token's signature, issuer, audience, expiry and nonce, and the PKCE exchange.

import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { IdentityClaims } from './identities.js';
import type { IdentityStore } from './port.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Absent: a public client, PKCE alone. */
  clientSecret?: string;
}

/** A sign-in has this long to come back from the provider. */
export const SIGN_IN_WINDOW_MS = 10 * 60 * 1000;

export type SignInFailure = 'SIGN_IN_EXPIRED' | 'SIGN_IN_REFUSED_BY_PROVIDER' | 'SIGN_IN_FAILED' | 'PROVIDER_UNAVAILABLE';

export class SignInFailed extends Error {
  constructor(
    readonly code: SignInFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SignInFailed';
  }
}

const hashId = (id: string): string => createHash('sha256').update(id, 'utf8').digest('hex');

/** Plain http only for a provider on this machine (a developer's, or the tests'): anywhere else it must be https. */
function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export class OidcSignIn {
  private discovered: Promise<client.Configuration> | undefined;

  constructor(
    readonly settings: OidcSettings,
    private readonly store: IdentityStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const issuer = new URL(this.settings.issuer);
      const auth = this.settings.clientSecret ? client.ClientSecretPost(this.settings.clientSecret) : client.None();
      this.discovered = client
        .discovery(issuer, this.settings.clientId, this.settings.clientSecret ? { client_secret: this.settings.clientSecret } : {}, auth, {
          ...(isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : {}),
          timeout: 10,
        })
        .catch((error: unknown) => {
          // Ask again next time: the provider may only have been down.
          this.discovered = undefined;
          throw new SignInFailed('PROVIDER_UNAVAILABLE', `the identity provider could not be reached (${(error as Error).message})`);
        });
    }
    return this.discovered;
  }

  /**
   * Begin a sign-in: where to send the browser, and the id it keeps in a cookie until it comes
   * back to `redirectUri` (registered with the provider). `next` is where to go afterwards.
   */
  async start(redirectUri: string, next: string): Promise<{ url: URL; flowId: string; maxAgeSeconds: number }> {
    const config = await this.configuration();
    const flowId = randomBytes(32).toString('base64url');
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.store.addPendingSignIn({
      idHash: hashId(flowId),
      state,
      nonce,
      codeVerifier,
      next,
      expiresAt: new Date(this.clock().getTime() + SIGN_IN_WINDOW_MS).toISOString(),
    });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, flowId, maxAgeSeconds: SIGN_IN_WINDOW_MS / 1000 };
  }

  /**
   * Finish a sign-in at the callback: `currentUrl` is the callback as the browser asked for it
   * (code and state in its query), `flowId` the cookie's, `redirectUri` the one `start` sent.
   * Who the provider says signed in, and where they were going; throws SignInFailed otherwise.
   */
  async finish(flowId: string | undefined, currentUrl: URL, redirectUri: string): Promise<{ claims: IdentityClaims; next: string }> {
    const pending = flowId ? await this.store.takePendingSignIn(hashId(flowId), this.clock().toISOString()) : undefined;
    if (!pending) throw new SignInFailed('SIGN_IN_EXPIRED', 'this sign-in was not started here, was already used, or took more than 10 minutes: start again');
    const providerError = currentUrl.searchParams.get('error');
    if (providerError) {
      const said = currentUrl.searchParams.get('error_description');
      throw new SignInFailed('SIGN_IN_REFUSED_BY_PROVIDER', `the identity provider did not sign you in (${providerError}${said ? `: ${said}` : ''})`);
    }
    const config = await this.configuration();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      }, { redirect_uri: redirectUri });
    } catch (error) {
      throw new SignInFailed('SIGN_IN_FAILED', `the sign-in could not be completed (${(error as Error).message})`);
    }
    const claims = tokens.claims();
    if (!claims) throw new SignInFailed('SIGN_IN_FAILED', 'the identity provider sent no ID token');
    // Providers that keep the ID token small give the address at the userinfo endpoint instead
    // (checked to be about the same subject); it only matters for mappings by e-mail.
    let { email, email_verified: verified } = claims;
    if (typeof email !== 'string' && tokens.access_token && config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        ({ email, email_verified: verified } = info);
      } catch {
        // Without it, the identity can still be recognised by its subject.
      }
    }
    return {
      claims: {
        issuer: claims.iss,
        subject: claims.sub,
        ...(typeof email === 'string' ? { email } : {}),
        ...(verified === true ? { emailVerified: true } : {}),
      },
      next: pending.next,
    };
  }
}
