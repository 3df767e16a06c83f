/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ChildList_viewer on Viewer {\n    children {\n      id\n      fullName\n      schoolClass {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ChildList_ViewerFragmentDoc,
    "\n  fragment Header_viewer on Viewer {\n    fullName\n    primaryRole\n    school {\n      id\n      name\n    }\n  }\n": typeof types.Header_ViewerFragmentDoc,
    "\n  mutation Login($login: String!, $password: String!) {\n    login(login: $login, password: $password) {\n      token\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Shell {\n    viewer {\n      id\n      ...Header_viewer\n      ...WelcomeCard_viewer\n    }\n  }\n": typeof types.ShellDocument,
    "\n  fragment WelcomeCard_viewer on Viewer {\n    fullName\n    roles\n    ...ChildList_viewer\n  }\n": typeof types.WelcomeCard_ViewerFragmentDoc,
};
const documents: Documents = {
    "\n  fragment ChildList_viewer on Viewer {\n    children {\n      id\n      fullName\n      schoolClass {\n        id\n        name\n      }\n    }\n  }\n": types.ChildList_ViewerFragmentDoc,
    "\n  fragment Header_viewer on Viewer {\n    fullName\n    primaryRole\n    school {\n      id\n      name\n    }\n  }\n": types.Header_ViewerFragmentDoc,
    "\n  mutation Login($login: String!, $password: String!) {\n    login(login: $login, password: $password) {\n      token\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Shell {\n    viewer {\n      id\n      ...Header_viewer\n      ...WelcomeCard_viewer\n    }\n  }\n": types.ShellDocument,
    "\n  fragment WelcomeCard_viewer on Viewer {\n    fullName\n    roles\n    ...ChildList_viewer\n  }\n": types.WelcomeCard_ViewerFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChildList_viewer on Viewer {\n    children {\n      id\n      fullName\n      schoolClass {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ChildList_viewer on Viewer {\n    children {\n      id\n      fullName\n      schoolClass {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Header_viewer on Viewer {\n    fullName\n    primaryRole\n    school {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment Header_viewer on Viewer {\n    fullName\n    primaryRole\n    school {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($login: String!, $password: String!) {\n    login(login: $login, password: $password) {\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation Login($login: String!, $password: String!) {\n    login(login: $login, password: $password) {\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Shell {\n    viewer {\n      id\n      ...Header_viewer\n      ...WelcomeCard_viewer\n    }\n  }\n"): (typeof documents)["\n  query Shell {\n    viewer {\n      id\n      ...Header_viewer\n      ...WelcomeCard_viewer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WelcomeCard_viewer on Viewer {\n    fullName\n    roles\n    ...ChildList_viewer\n  }\n"): (typeof documents)["\n  fragment WelcomeCard_viewer on Viewer {\n    fullName\n    roles\n    ...ChildList_viewer\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;