/** Write rules of sign-in: the credential is the only fact; signing out and linking accounts need a viewer. */
import { anyoneMayTry, ownThings, type WriteCheck } from '../../policy/write-rule.js';
import { linkOidcIdentityRule } from '../people/people.policy.js';

export const authWriteRules = {
  login: anyoneMayTry,
  redeemLoginCode: anyoneMayTry, // the one-time code is the credential
  logout: ownThings, // the viewer's own session
  linkOidcIdentity: linkOidcIdentityRule,
} satisfies Record<string, WriteCheck>;
