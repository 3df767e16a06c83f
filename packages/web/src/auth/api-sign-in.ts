import { graphql } from '../gql';

/**
 * Not used by the app. It is here so that codegen lists it in the trusted-documents manifest: an API
 * client signs in with it (by its hash) on a server that runs only the manifest's documents, and its
 * API-scope session may then send documents of its own (docs/API.md, "Trusted documents").
 */
export const ApiSignIn = graphql(`
  mutation ApiSignIn($login: String!, $password: String!) {
    login(login: $login, password: $password, scope: API) {
      token
      expiresAt
    }
  }
`);
