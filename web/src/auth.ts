// Sign-in: the authorization-code flow with PKCE through oidc-client-ts. In AWS the issuer is Cognito's
// managed login (the build sets VITE_OIDC_AUTHORITY and VITE_OIDC_CLIENT_ID); locally bin/stack's issuer
// at /_local, whose authorization endpoint is the page to choose a subject and groups (#/authorize).
// Tokens are kept in memory only (InMemoryWebStorage): a reload signs out. Only the transient request
// state (the PKCE verifier, for the one redirect) is in session storage, where oidc-client-ts keeps it.
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from "oidc-client-ts";
import { ApiError, setSession, type Session } from "./api";

const manager = new UserManager({
  authority: import.meta.env.VITE_OIDC_AUTHORITY || `${location.origin}/_local`,
  client_id: import.meta.env.VITE_OIDC_CLIENT_ID || "kyc-vault-local",
  redirect_uri: `${location.origin}/`,
  response_type: "code",
  scope: "openid",
  loadUserInfo: false,
  automaticSilentRenew: false,
  monitorSession: false,
  userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
});

/** Leaves for the issuer's sign-in page. */
export function startSignIn(): Promise<void> {
  return manager.signinRedirect();
}

/** Whether this page load is the issuer's redirect back with a code. */
export function isSignInCallback(): boolean {
  const q = new URLSearchParams(location.search);
  return q.has("state") && (q.has("code") || q.has("error"));
}

/** Redeems the code (with the PKCE verifier) for the tokens; the session holds them in memory. */
export async function completeSignIn(): Promise<Session> {
  try {
    const user = await manager.signinRedirectCallback();
    const groups = user.profile["cognito:groups"];
    const session: Session = {
      subject: user.profile.sub,
      groups: Array.isArray(groups) ? groups.map(String) : [],
      token: user.id_token ?? user.access_token,
    };
    setSession(session);
    return session;
  } finally {
    history.replaceState(null, "", "/");
  }
}

export async function signOut(): Promise<void> {
  setSession(null);
  await manager.removeUser();
}

/** The local issuer's authorization endpoint takes the chosen subject and groups; it answers where to go back to. */
export async function authorizeLocally(query: string, subject: string, groups: string[]): Promise<string> {
  const body = new URLSearchParams(query);
  body.set("sub", subject);
  body.set("groups", groups.join(","));
  const response = await fetch("/_local/oauth2/authorize", { method: "POST", body });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, answer.code ?? "HTTP_" + response.status, answer.message ?? "");
  }
  return answer.redirect as string;
}
