/* eslint-disable */
import * as types from './graphql.js';
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
    "query Accounts($email: String!) {\n  usersByEmail(email: $email) {\n    id\n    active\n    source {\n      id\n      name\n    }\n    permissions {\n      level\n      role\n      project {\n        name\n      }\n    }\n  }\n}": typeof types.AccountsDocument,
    "query Directory($first: Int = 100, $after: String, $filter: UserFilterInput) {\n  users(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        displayName\n        email\n        active\n        lastLoginAt\n        source {\n          id\n          kind\n        }\n        teams {\n          nodes {\n            name\n          }\n        }\n        groups {\n          nodes {\n            name\n          }\n        }\n        permissions {\n          level\n          role\n          project {\n            name\n          }\n        }\n      }\n    }\n  }\n}": typeof types.DirectoryDocument,
    "query Person($email: String!) {\n  person(email: $email) {\n    id\n    displayName\n    emails\n    state\n    highestLevel\n    activeIn {\n      id\n    }\n    accounts {\n      id\n      source {\n        id\n      }\n      active\n    }\n    linkedAccounts {\n      id\n    }\n    access {\n      level\n      role\n      source {\n        id\n      }\n      project {\n        name\n      }\n      via {\n        id\n      }\n    }\n  }\n}": typeof types.PersonDocument,
    "query Sources {\n  sources {\n    id\n    kind\n    name\n    capabilities\n    status {\n      reachable\n      latencyMs\n      problem {\n        code\n        message\n      }\n    }\n  }\n}": typeof types.SourcesDocument,
    "fragment PlanFields on Plan {\n  id\n  status\n  summary\n  counts {\n    total\n    applied\n    skipped\n    failed\n    impossible\n  }\n  steps {\n    id\n    source {\n      id\n    }\n    action\n    target {\n      label\n    }\n    from\n    to\n    possible\n    reason\n    dependsOn\n    state\n    result {\n      code\n      message\n      drift\n    }\n  }\n}\n\nmutation PlanOffboarding($person: String!, $mode: OffboardingMode!) {\n  planOffboarding(input: {person: $person, mode: $mode}) {\n    ...PlanFields\n  }\n}\n\nmutation PlanOnboarding($email: String!, $firstName: String, $lastName: String, $template: String) {\n  planOnboarding(\n    input: {email: $email, firstName: $firstName, lastName: $lastName, template: $template}\n  ) {\n    ...PlanFields\n  }\n}\n\nmutation ApplyPlan($plan: ID!, $initialPassword: String) {\n  applyPlan(input: {plan: $plan, initialPassword: $initialPassword}) {\n    ...PlanFields\n  }\n}\n\nquery Plan($id: ID!) {\n  plan(id: $id) {\n    ...PlanFields\n  }\n}": typeof types.PlanFieldsFragmentDoc,
};
const documents: Documents = {
    "query Accounts($email: String!) {\n  usersByEmail(email: $email) {\n    id\n    active\n    source {\n      id\n      name\n    }\n    permissions {\n      level\n      role\n      project {\n        name\n      }\n    }\n  }\n}": types.AccountsDocument,
    "query Directory($first: Int = 100, $after: String, $filter: UserFilterInput) {\n  users(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        displayName\n        email\n        active\n        lastLoginAt\n        source {\n          id\n          kind\n        }\n        teams {\n          nodes {\n            name\n          }\n        }\n        groups {\n          nodes {\n            name\n          }\n        }\n        permissions {\n          level\n          role\n          project {\n            name\n          }\n        }\n      }\n    }\n  }\n}": types.DirectoryDocument,
    "query Person($email: String!) {\n  person(email: $email) {\n    id\n    displayName\n    emails\n    state\n    highestLevel\n    activeIn {\n      id\n    }\n    accounts {\n      id\n      source {\n        id\n      }\n      active\n    }\n    linkedAccounts {\n      id\n    }\n    access {\n      level\n      role\n      source {\n        id\n      }\n      project {\n        name\n      }\n      via {\n        id\n      }\n    }\n  }\n}": types.PersonDocument,
    "query Sources {\n  sources {\n    id\n    kind\n    name\n    capabilities\n    status {\n      reachable\n      latencyMs\n      problem {\n        code\n        message\n      }\n    }\n  }\n}": types.SourcesDocument,
    "fragment PlanFields on Plan {\n  id\n  status\n  summary\n  counts {\n    total\n    applied\n    skipped\n    failed\n    impossible\n  }\n  steps {\n    id\n    source {\n      id\n    }\n    action\n    target {\n      label\n    }\n    from\n    to\n    possible\n    reason\n    dependsOn\n    state\n    result {\n      code\n      message\n      drift\n    }\n  }\n}\n\nmutation PlanOffboarding($person: String!, $mode: OffboardingMode!) {\n  planOffboarding(input: {person: $person, mode: $mode}) {\n    ...PlanFields\n  }\n}\n\nmutation PlanOnboarding($email: String!, $firstName: String, $lastName: String, $template: String) {\n  planOnboarding(\n    input: {email: $email, firstName: $firstName, lastName: $lastName, template: $template}\n  ) {\n    ...PlanFields\n  }\n}\n\nmutation ApplyPlan($plan: ID!, $initialPassword: String) {\n  applyPlan(input: {plan: $plan, initialPassword: $initialPassword}) {\n    ...PlanFields\n  }\n}\n\nquery Plan($id: ID!) {\n  plan(id: $id) {\n    ...PlanFields\n  }\n}": types.PlanFieldsFragmentDoc,
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
export function graphql(source: "query Accounts($email: String!) {\n  usersByEmail(email: $email) {\n    id\n    active\n    source {\n      id\n      name\n    }\n    permissions {\n      level\n      role\n      project {\n        name\n      }\n    }\n  }\n}"): (typeof documents)["query Accounts($email: String!) {\n  usersByEmail(email: $email) {\n    id\n    active\n    source {\n      id\n      name\n    }\n    permissions {\n      level\n      role\n      project {\n        name\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Directory($first: Int = 100, $after: String, $filter: UserFilterInput) {\n  users(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        displayName\n        email\n        active\n        lastLoginAt\n        source {\n          id\n          kind\n        }\n        teams {\n          nodes {\n            name\n          }\n        }\n        groups {\n          nodes {\n            name\n          }\n        }\n        permissions {\n          level\n          role\n          project {\n            name\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query Directory($first: Int = 100, $after: String, $filter: UserFilterInput) {\n  users(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        displayName\n        email\n        active\n        lastLoginAt\n        source {\n          id\n          kind\n        }\n        teams {\n          nodes {\n            name\n          }\n        }\n        groups {\n          nodes {\n            name\n          }\n        }\n        permissions {\n          level\n          role\n          project {\n            name\n          }\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Person($email: String!) {\n  person(email: $email) {\n    id\n    displayName\n    emails\n    state\n    highestLevel\n    activeIn {\n      id\n    }\n    accounts {\n      id\n      source {\n        id\n      }\n      active\n    }\n    linkedAccounts {\n      id\n    }\n    access {\n      level\n      role\n      source {\n        id\n      }\n      project {\n        name\n      }\n      via {\n        id\n      }\n    }\n  }\n}"): (typeof documents)["query Person($email: String!) {\n  person(email: $email) {\n    id\n    displayName\n    emails\n    state\n    highestLevel\n    activeIn {\n      id\n    }\n    accounts {\n      id\n      source {\n        id\n      }\n      active\n    }\n    linkedAccounts {\n      id\n    }\n    access {\n      level\n      role\n      source {\n        id\n      }\n      project {\n        name\n      }\n      via {\n        id\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Sources {\n  sources {\n    id\n    kind\n    name\n    capabilities\n    status {\n      reachable\n      latencyMs\n      problem {\n        code\n        message\n      }\n    }\n  }\n}"): (typeof documents)["query Sources {\n  sources {\n    id\n    kind\n    name\n    capabilities\n    status {\n      reachable\n      latencyMs\n      problem {\n        code\n        message\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PlanFields on Plan {\n  id\n  status\n  summary\n  counts {\n    total\n    applied\n    skipped\n    failed\n    impossible\n  }\n  steps {\n    id\n    source {\n      id\n    }\n    action\n    target {\n      label\n    }\n    from\n    to\n    possible\n    reason\n    dependsOn\n    state\n    result {\n      code\n      message\n      drift\n    }\n  }\n}\n\nmutation PlanOffboarding($person: String!, $mode: OffboardingMode!) {\n  planOffboarding(input: {person: $person, mode: $mode}) {\n    ...PlanFields\n  }\n}\n\nmutation PlanOnboarding($email: String!, $firstName: String, $lastName: String, $template: String) {\n  planOnboarding(\n    input: {email: $email, firstName: $firstName, lastName: $lastName, template: $template}\n  ) {\n    ...PlanFields\n  }\n}\n\nmutation ApplyPlan($plan: ID!, $initialPassword: String) {\n  applyPlan(input: {plan: $plan, initialPassword: $initialPassword}) {\n    ...PlanFields\n  }\n}\n\nquery Plan($id: ID!) {\n  plan(id: $id) {\n    ...PlanFields\n  }\n}"): (typeof documents)["fragment PlanFields on Plan {\n  id\n  status\n  summary\n  counts {\n    total\n    applied\n    skipped\n    failed\n    impossible\n  }\n  steps {\n    id\n    source {\n      id\n    }\n    action\n    target {\n      label\n    }\n    from\n    to\n    possible\n    reason\n    dependsOn\n    state\n    result {\n      code\n      message\n      drift\n    }\n  }\n}\n\nmutation PlanOffboarding($person: String!, $mode: OffboardingMode!) {\n  planOffboarding(input: {person: $person, mode: $mode}) {\n    ...PlanFields\n  }\n}\n\nmutation PlanOnboarding($email: String!, $firstName: String, $lastName: String, $template: String) {\n  planOnboarding(\n    input: {email: $email, firstName: $firstName, lastName: $lastName, template: $template}\n  ) {\n    ...PlanFields\n  }\n}\n\nmutation ApplyPlan($plan: ID!, $initialPassword: String) {\n  applyPlan(input: {plan: $plan, initialPassword: $initialPassword}) {\n    ...PlanFields\n  }\n}\n\nquery Plan($id: ID!) {\n  plan(id: $id) {\n    ...PlanFields\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;